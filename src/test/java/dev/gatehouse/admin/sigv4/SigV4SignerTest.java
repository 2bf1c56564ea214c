package dev.gatehouse.admin.sigv4;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.admin.sigv4.SdkSignedRequests.ACCESS_KEY_ID;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.NOW;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CLI's signer agrees with the server's verifier and, byte for byte, with the AWS SDK v2 signer. */
class SigV4SignerTest {

    private static final String BODY = "{\"UserPoolId\":\"us-east-1_EXAMPLE12\",\"Emergency\":true}";
    private static final URI ENDPOINT = URI.create("http://cognito-idp.us-east-1.gatehouse.test/");

    private final SigV4Signer signer = new SigV4Signer(ACCESS_KEY_ID, SECRET_KEY, "us-east-1", "cognito-idp");

    @Test
    void signWhenVerifiedByTheServerVerifierThenAccepted() {
        SignedRequest request = asSent(signer.sign("POST", ENDPOINT, headers(), bytes(BODY), NOW), headers(), BODY);

        assertThat(SdkSignedRequests.cognitoVerifier().verify(request))
                .isEqualTo(new VerifiedCaller(ACCESS_KEY_ID, "us-east-1", "cognito-idp"));
    }

    @Test
    void signWhenBodyChangedAfterSigningThenVerifierRefuses() {
        SignedRequest request = asSent(signer.sign("POST", ENDPOINT, headers(), bytes(BODY), NOW), headers(),
                BODY.replace("true", "false"));

        assertThatThrownBy(() -> SdkSignedRequests.cognitoVerifier().verify(request)).isInstanceOf(SigV4Exception.class);
    }

    @Test
    void signWhenSameRequestSignedByAwsSdkThenSameAuthorizationHeader() {
        SignedRequest sdk = SdkSignedRequests.cognito("ListUserPools", BODY).sign();
        Map<String, String> headers = new LinkedHashMap<>(headers());
        headers.put("X-Amz-Target", "AWSCognitoIdentityProviderService.ListUserPools");
        // the SDK also signs the payload hash header it adds; sign the same header set
        headers.put("x-amz-content-sha256", WireEdits.header(sdk, "x-amz-content-sha256"));

        Map<String, String> ours = signer.sign("POST", ENDPOINT, headers, bytes(BODY), NOW);

        assertThat(ours.get("X-Amz-Date")).isEqualTo(WireEdits.header(sdk, "X-Amz-Date"));
        assertThat(ours.get("Authorization")).isEqualTo(WireEdits.header(sdk, "Authorization"));
    }

    @Test
    void hostHeaderWhenPortIsNotTheDefaultThenIncluded() {
        assertThat(SigV4Signer.hostHeader(URI.create("http://localhost:9229/"))).isEqualTo("localhost:9229");
        assertThat(SigV4Signer.hostHeader(URI.create("http://localhost:80/"))).isEqualTo("localhost");
        assertThat(SigV4Signer.hostHeader(URI.create("https://gatehouse.example/"))).isEqualTo("gatehouse.example");
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.1");
        headers.put("X-Amz-Target", "GatehouseService.RotateSigningKeys");
        return headers;
    }

    /** The request as the server receives it: the given headers, the signature headers and Host. */
    private static SignedRequest asSent(Map<String, String> signature, Map<String, String> headers, String body) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        lines.add(Map.entry("Host", SigV4Signer.hostHeader(ENDPOINT)));
        headers.forEach((name, value) -> lines.add(Map.entry(name, value)));
        signature.forEach((name, value) -> lines.add(Map.entry(name, value)));
        return new SignedRequest("POST", "/", null, lines, bytes(body));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
