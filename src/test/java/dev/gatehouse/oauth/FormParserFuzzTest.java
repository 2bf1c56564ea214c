package dev.gatehouse.oauth;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.token.TokenError;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY §2.11 (3): any body gives parameters or {@code invalid_request} ({@link TokenError}),
 * never another exception; at most {@value #MAX} parameters; and what it accepts, form-encoded
 * again, parses to the same parameters (idempotent). Seeds: FormParserFuzzTestInputs/parse.
 */
class FormParserFuzzTest {

    private static final int MAX = 16;

    @FuzzTest(maxDuration = "30s")
    void parse(FuzzedDataProvider data) {
        byte[] body = data.consumeRemainingAsBytes();
        Map<String, String> params;
        try {
            params = FormParser.parse(body, MAX);
        } catch (TokenError e) {
            return;
        }
        assertThat(params.size()).isLessThanOrEqualTo(MAX);
        String encoded = params.entrySet().stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Map<String, String> reparsed = FormParser.parse(encoded.getBytes(StandardCharsets.UTF_8), MAX);
        // A pair without '=' or with an empty name may not round-trip as a pair: compare what does
        params.forEach((name, value) -> {
            if (!name.isEmpty()) {
                assertThat(reparsed).containsEntry(name, value);
            }
        });
    }
}
