package dev.gatehouse.oauth;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written strict base64 check of Basic credentials accepts exactly what the regular
 * expression it replaced accepted (on the inputs a header can carry: no line terminators).
 */
class BasicCredentialsBase64Test {

    private static final Pattern REFERENCE =
            Pattern.compile("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$");
    private static final String CHARS = "ABYZabyz0189+/=-_ .%";

    @Test
    void agreesWithTheReferenceExpressionOnRandomTokens() {
        Random random = new Random(5);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder token = new StringBuilder();
            int length = random.nextInt(13);
            for (int j = 0; j < length; j++) {
                // Mostly alphabet characters, so that valid tokens are common too.
                token.append(random.nextInt(4) == 0 ? CHARS.charAt(random.nextInt(CHARS.length()))
                        : CHARS.charAt(random.nextInt(12)));
            }
            String text = token.toString();
            boolean expected = !text.isEmpty() && REFERENCE.matcher(text).matches();
            assertThat(BasicCredentials.strictBase64(text)).as(text).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("valid tokens among the samples").isGreaterThan(1000);
    }

    @Test
    void edgeCases() {
        assertThat(BasicCredentials.strictBase64("")).isFalse();
        assertThat(BasicCredentials.strictBase64("YQ==")).isTrue();
        assertThat(BasicCredentials.strictBase64("YWI=")).isTrue();
        assertThat(BasicCredentials.strictBase64("YWJj")).isTrue();
        assertThat(BasicCredentials.strictBase64("Y===")).isFalse();
        assertThat(BasicCredentials.strictBase64("====")).isFalse();
        assertThat(BasicCredentials.strictBase64("YQ=a")).isFalse();
        assertThat(BasicCredentials.strictBase64("YQ")).isFalse();
        assertThat(BasicCredentials.strictBase64("YW-j")).isFalse();
    }
}
