package dev.gatehouse.admin.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AWS SigV4 test suite (awslabs/aws-c-auth tests/aws-signing-test-suite/v4, header-signed-request.txt):
 * the expected signatures of the official vectors must verify.
 */
class AwsSigningTestSuiteTest {

    private static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Clock SUITE_CLOCK = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);

    private final SigV4Verifier verifier = new SigV4Verifier(
            id -> id.equals(ACCESS_KEY_ID) ? Optional.of(SECRET_KEY) : Optional.empty(),
            SUITE_CLOCK, "service", "us-east-1"::equals);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "get-vanilla-query",
            "get-header-key-duplicate",
            "get-header-value-order",
            "get-header-value-trim",
            "get-unreserved",
            "get-utf8",
            "get-vanilla-empty-query-key",
            "get-vanilla-query-order-key-case",
            "get-vanilla-query-unreserved",
            "get-vanilla-utf8-query",
            "post-vanilla-query",
            "get-relative-relative-normalized",
            "get-slash-dot-slash-normalized"})
    void verifyWhenOfficialVectorThenAccepted(String vector) throws IOException {
        assertThat(verifier.verify(load(vector))).isEqualTo(new VerifiedCaller(ACCESS_KEY_ID, "us-east-1", "service"));
    }

    /** Vectors that gatehouse refuses on purpose: it issues no session tokens and signs every x-amz-* header. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "get-vanilla-with-session-token, UnrecognizedClientException",
            "get-space-unnormalized,         IncompleteSignatureException"})
    void verifyWhenVectorBreaksGatehousePolicyThenRefused(String vector, String code) throws IOException {
        SignedRequest request = load(vector);

        assertThatThrownBy(() -> verifier.verify(request)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    /** Reads "METHOD target HTTP/1.1", "Name:value" lines, a blank line and the body. */
    private static SignedRequest load(String vector) throws IOException {
        String text;
        try (InputStream in = AwsSigningTestSuiteTest.class.getResourceAsStream("aws-c-auth/" + vector + ".txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int endOfHead = text.indexOf("\n\n");
        String[] head = text.substring(0, endOfHead).split("\n");
        String[] requestLine = head[0].substring(0, head[0].lastIndexOf(' ')).split(" ", 2);
        String target = requestLine[1];
        int question = target.indexOf('?');
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.add(Map.entry(head[i].substring(0, colon), head[i].substring(colon + 1)));
        }
        return new SignedRequest(requestLine[0],
                question < 0 ? target : target.substring(0, question),
                question < 0 ? null : target.substring(question + 1),
                headers,
                text.substring(endOfHead + 2).getBytes(StandardCharsets.UTF_8));
    }
}
