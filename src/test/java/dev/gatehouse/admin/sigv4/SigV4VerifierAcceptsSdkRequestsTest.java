package dev.gatehouse.admin.sigv4;

import static dev.gatehouse.admin.sigv4.SdkSignedRequests.ACCESS_KEY_ID;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.CLOCK;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.NOW;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.apiGateway;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.cognito;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.cognitoListUserPools;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.cognitoVerifier;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.knownKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests signed by the real AWS SDK v2 signer are accepted, whatever needs encoding in them. */
class SigV4VerifierAcceptsSdkRequestsTest {

    private final SigV4Verifier cognito = cognitoVerifier();
    private final SigV4Verifier apiGateway =
            new SigV4Verifier(knownKeys(), CLOCK, "apigateway", AwsRegionNames::isWellFormed);

    @Test
    void verifyWhenCognitoJsonCallSignedBySdkThenReturnsCaller() {
        SignedRequest request = cognitoListUserPools().sign();

        assertThat(WireEdits.header(request, "Authorization"))
                .contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target,");
        assertThat(cognito.verify(request)).isEqualTo(new VerifiedCaller(ACCESS_KEY_ID, "us-east-1", "cognito-idp"));
    }

    @Test
    void verifyWhenApiGatewayGetWithQuerySignedBySdkThenReturnsCaller() {
        SignedRequest request = apiGateway("/restapis?limit=5").sign();

        assertThat(request.rawQuery()).isEqualTo("limit=5");
        assertThat(apiGateway.verify(request)).isEqualTo(new VerifiedCaller(ACCESS_KEY_ID, "us-east-1", "apigateway"));
    }

    @Test
    void verifyWhenQueryValuesNeedEncodingThenAccepted() {
        SignedRequest request = apiGateway("/restapis")
                .queryParameter("name", "a b+c&d=e/f?g#h")
                .queryParameter("unicode", "\u00fc\u2713\uD83D\uDE00")
                .queryParameter("tilde*star", "~*'()!")
                .queryParameter("empty", "")
                .queryParameter("repeat", "2")
                .queryParameter("repeat", "1")
                .queryParameter("Upper", "Z")
                .sign();

        assertThat(request.rawQuery()).contains("%20").contains("%26").doesNotContain("+");
        assertThat(apiGateway.verify(request).accessKeyId()).isEqualTo(ACCESS_KEY_ID);
    }

    @Test
    void verifyWhenQueryUsesPlusForSpaceAndLowerCaseEscapesThenCanonicalisedLikeTheSdk() {
        SignedRequest signed = apiGateway("/restapis").queryParameter("q", "a b~").sign();

        SignedRequest resent = WireEdits.withQuery(signed, "q=a+b%7e");

        assertThat(apiGateway.verify(resent).accessKeyId()).isEqualTo(ACCESS_KEY_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/restapis/ab%20cd/resources/x%2Fy",
            "/restapis/%E2%9C%93/stages/prod%3Av1",
            "/restapis/a~b_c-d.e/resources",
            "/restapis/a/./b/../c",
            "//restapis//a//",
            "/"})
    void verifyWhenPathHasCharactersNeedingEncodingOrDotSegmentsThenAccepted(String path) {
        SignedRequest request = apiGateway(path).sign();

        assertThat(request.rawPath()).isEqualTo(path);
        assertThat(apiGateway.verify(request).service()).isEqualTo("apigateway");
    }

    @Test
    void verifyWhenHeaderRepeatedThenValuesJoinedInReceivedOrder() {
        SignedRequest request = cognitoListUserPools()
                .header("My-Header", "b")
                .header("My-Header", "a")
                .header("my-header", "c")
                .sign();

        assertThat(request.headers()).filteredOn(h -> h.getKey().equalsIgnoreCase("my-header")).hasSize(3);
        assertThat(cognito.verify(request).accessKeyId()).isEqualTo(ACCESS_KEY_ID);
    }

    @Test
    void verifyWhenHeaderValueHasInnerAndOuterWhitespaceThenTrimmedAndCollapsed() {
        SignedRequest request = cognitoListUserPools().header("X-Note", "  a   b \t c  ").sign();

        assertThat(WireEdits.header(request, "X-Note")).isEqualTo("  a   b \t c  ");
        assertThat(cognito.verify(request).accessKeyId()).isEqualTo(ACCESS_KEY_ID);
    }

    @Test
    void verifyWhenAuthorizationHasNoSpacesAfterCommasThenAccepted() {
        SignedRequest request = WireEdits.editAuthorization(cognitoListUserPools().sign(), a -> a.replace(", ", ","));

        assertThat(WireEdits.header(request, "Authorization")).doesNotContain(", ");
        assertThat(cognito.verify(request).accessKeyId()).isEqualTo(ACCESS_KEY_ID);
    }

    @ParameterizedTest
    @ValueSource(longs = {-300, 0, 300})
    void verifyWhenSignedWithinFiveMinutesEitherWayThenAccepted(long offsetSeconds) {
        SignedRequest request = cognitoListUserPools().signedAt(NOW.plusSeconds(offsetSeconds)).sign();

        assertThat(cognito.verify(request).accessKeyId()).isEqualTo(ACCESS_KEY_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-west-1", "us-gov-west-1", "ap-southeast-2", "cn-north-1", "us-isob-east-1"})
    void verifyWhenScopedToAnyWellFormedRegionThenCallerCarriesThatRegion(String region) {
        SignedRequest request = cognitoListUserPools().region(region).sign();

        assertThat(cognito.verify(request)).isEqualTo(new VerifiedCaller(ACCESS_KEY_ID, region, "cognito-idp"));
    }

    @Test
    void verifyWhenLargeBodyThenHashedFromReceivedBytes() {
        SignedRequest request = cognito("CreateUserPoolClient", "{\"ClientName\":\"" + "x".repeat(100_000) + "\"}").sign();

        assertThat(cognito.verify(request).accessKeyId()).isEqualTo(ACCESS_KEY_ID);
    }

    @Test
    void verifyWhenSecretRotatedThenCachedSigningKeyOfOldSecretNotUsed() {
        AtomicReference<String> secret = new AtomicReference<>(SdkSignedRequests.SECRET_KEY);
        SigV4Verifier verifier = new SigV4Verifier(id -> Optional.of(secret.get()), CLOCK, "cognito-idp",
                AwsRegionNames::isWellFormed);
        SignedRequest request = cognitoListUserPools().sign();
        verifier.verify(request);
        verifier.verify(request);

        secret.set("rotated/" + SdkSignedRequests.SECRET_KEY);

        assertThatThrownBy(() -> verifier.verify(request)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.code()).isEqualTo("InvalidSignatureException"));
    }

    @Test
    void verifyWhenCalledManyTimesThenStaysCheap() {
        SignedRequest request = cognitoListUserPools().sign();
        for (int i = 0; i < 2_000; i++) {
            cognito.verify(request);
        }
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            cognito.verify(request);
        }
        Duration perCall = Duration.ofNanos((System.nanoTime() - start) / 10_000);

        assertThat(perCall).isLessThan(Duration.ofMillis(1));
    }
}
