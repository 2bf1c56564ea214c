package dev.gatehouse.admin.sigv4;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SECURITY §2.11 (4): the SigV4 canonicaliser and verifier, fed any method, path, query, header
 * lines and body, refuse with {@link SigV4Exception} only — never another exception (a 500), never
 * a stack overflow — and never accept a request whose signature was not made with the secret.
 * Input layout (seeds in SigV4VerifierFuzzTestInputs/verify): line 1 method, line 2 raw path,
 * line 3 raw query, then {@code name: value} header lines up to an empty line, then the body.
 */
class SigV4VerifierFuzzTest {

    private static final String ACCESS_KEY = "AKIDEXAMPLE";
    private static final Instant NOW = Instant.parse("2015-08-30T12:36:00Z");
    private static final SigV4Verifier VERIFIER = new SigV4Verifier(
            id -> id.equals(ACCESS_KEY) ? Optional.of("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY") : Optional.empty(),
            Clock.fixed(NOW, ZoneOffset.UTC), "cognito-idp", AwsRegionNames::isWellFormed);

    @FuzzTest(maxDuration = "30s")
    void verify(FuzzedDataProvider data) {
        byte[] input = data.consumeRemainingAsBytes();
        String text = new String(input, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", -1);
        String method = lines.length > 0 ? lines[0] : "";
        String path = lines.length > 1 ? lines[1] : "/";
        String query = lines.length > 2 ? lines[2] : null;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int i = 3;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            headers.add(colon < 0 ? Map.entry(lines[i], "") : Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()));
        }
        byte[] body = i + 1 < lines.length
                ? String.join("\n", Arrays.copyOfRange(lines, i + 1, lines.length)).getBytes(StandardCharsets.ISO_8859_1)
                : new byte[0];
        SignedRequest request = new SignedRequest(method, path, query, headers, body);
        // No fuzzed input carries a valid signature: the only outcome is a SigV4Exception
        assertThatThrownBy(() -> VERIFIER.verify(request)).isInstanceOf(SigV4Exception.class);
    }
}
