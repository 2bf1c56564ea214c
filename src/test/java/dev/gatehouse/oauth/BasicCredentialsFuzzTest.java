package dev.gatehouse.oauth;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.token.TokenError;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY §2.11 (2): whatever the Authorization header, the Basic parser answers with credentials
 * or {@code invalid_client} ({@link TokenError}) — never another exception, never a stack overflow —
 * and what it accepts parses the same again and survives re-encoding of its raw pair. Regression
 * mode replays the seeds in BasicCredentialsFuzzTestInputs/parse; {@code JAZZER_FUZZ=1} fuzzes.
 */
class BasicCredentialsFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parse(FuzzedDataProvider data) {
        String header = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        BasicCredentials parsed;
        try {
            parsed = BasicCredentials.parse(header);
        } catch (TokenError e) {
            assertThat(e.getMessage()).doesNotContain(header.length() > 8 ? header.substring(6) : "\u0000never");
            return;
        }
        assertThat(BasicCredentials.parse(header)).isEqualTo(parsed);
        String raw = parsed.raw().clientId() + ":" + parsed.raw().secret();
        String again = "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(BasicCredentials.parse(again).raw()).isEqualTo(parsed.raw());
        if (parsed.decoded() != null) {
            assertThat(parsed.decoded()).isNotEqualTo(parsed.raw());
        }
    }
}
