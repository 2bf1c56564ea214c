package dev.gatehouse.admin.sigv4;

import static dev.gatehouse.admin.sigv4.SdkSignedRequests.CLOCK;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.NOW;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.SECRET_KEY;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.apiGateway;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.cognitoListUserPools;
import static dev.gatehouse.admin.sigv4.SdkSignedRequests.knownKeys;
import static dev.gatehouse.admin.sigv4.WireEdits.addHeader;
import static dev.gatehouse.admin.sigv4.WireEdits.editAuthorization;
import static dev.gatehouse.admin.sigv4.WireEdits.removeHeader;
import static dev.gatehouse.admin.sigv4.WireEdits.replaceHeader;
import static dev.gatehouse.admin.sigv4.WireEdits.withBody;
import static dev.gatehouse.admin.sigv4.WireEdits.withQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SECURITY.md §2.6 as a table: each SV-* row that applies to the verifier, and its neighbours. */
class SigV4VerifierRefusesAttacksTest {

    private static final String MISSING = "MissingAuthenticationTokenException";
    private static final String INCOMPLETE = "IncompleteSignatureException";
    private static final String INVALID = "InvalidSignatureException";
    private static final String UNRECOGNIZED = "UnrecognizedClientException";
    private static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    /** One row: a request, the verifier's configuration, and the refusal expected. */
    record Attack(String name, Supplier<SignedRequest> request, Predicate<String> allowedRegion,
                  String code, int status, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Attack> attacks() {
        return Stream.of(
                attack("SV-01 no Authorization header", () -> removeHeader(signed(), "Authorization"),
                        MISSING, 403, "Missing Authentication Token"),
                attack("SV-02 unknown access key", () -> cognitoListUserPools()
                                .credentials("AKIAUNKNOWN00000000", SECRET_KEY).sign(),
                        UNRECOGNIZED, 400, "The security token included in the request is invalid."),
                attack("SV-04 X-Amz-Date now + 5 min + 1 s", () -> cognitoListUserPools().signedAt(NOW.plusSeconds(301)).sign(),
                        INVALID, 403, "Signature not yet current: 20260314T093154Z is still later than 20260314T093153Z"
                                + " (20260314T092653Z + 5 min.)"),
                attack("expired: X-Amz-Date now - 5 min - 1 s", () -> cognitoListUserPools().signedAt(NOW.minusSeconds(301)).sign(),
                        INVALID, 403, "Signature expired: 20260314T092152Z is now earlier than 20260314T092153Z"
                                + " (20260314T092653Z - 5 min.)"),
                attack("SV-05 credential scope date differs from X-Amz-Date",
                        () -> editAuthorization(signed(), a -> a.replace("/20260314/", "/20260313/")),
                        INVALID, 403, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP"),
                new Attack("SV-06 region eu-west-1 on a us-east-1 gatehouse",
                        () -> cognitoListUserPools().region("eu-west-1").sign(), "us-east-1"::equals,
                        INVALID, 403, "Credential should be scoped to a valid Region, not eu-west-1."),
                attack("SV-06 garbage region", () -> cognitoListUserPools().region("us-east-1x").sign(),
                        INVALID, 403, "Credential should be scoped to a valid Region, not us-east-1x."),
                attack("SV-06 service sts", () -> cognitoListUserPools().service("sts").sign(),
                        INVALID, 403, "Credential should be scoped to correct service: 'cognito-idp'."),
                attack("SV-06 terminator aws4_req", () -> editAuthorization(signed(), a -> a.replace("/aws4_request", "/aws4_req")),
                        INCOMPLETE, 400, "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_req'."),
                attack("SV-06 credential with four elements",
                        () -> editAuthorization(signed(), a -> a.replace("/cognito-idp/", "/")),
                        INCOMPLETE, 400, "Credential must have exactly 5 slash-delimited elements"),
                attack("SV-08 SignedHeaders without host", () -> editAuthorization(signed(), a -> a.replace(";host;", ";")),
                        INCOMPLETE, 400, "'host' must be included in SignedHeaders."),
                attack("SV-08 SignedHeaders without x-amz-date",
                        () -> editAuthorization(signed(), a -> a.replace(";x-amz-date;", ";")),
                        INCOMPLETE, 400, "'x-amz-date' must be included in SignedHeaders."),
                attack("SV-08 SignedHeaders naming an absent x-foo",
                        () -> editAuthorization(signed(), a -> a.replace(";x-amz-target,", ";x-amz-target;x-foo,")),
                        INCOMPLETE, 400, "Signed header 'x-foo' is missing from the request."),
                attack("SV-08 SignedHeaders not sorted",
                        () -> editAuthorization(signed(), a -> a.replace("content-type;host;", "host;content-type;")),
                        INCOMPLETE, 400, "SignedHeaders must be sorted"),
                attack("SV-08 SignedHeaders repeating a header",
                        () -> editAuthorization(signed(), a -> a.replace(";host;", ";host;host;")),
                        INCOMPLETE, 400, "SignedHeaders must be sorted and must not repeat a header."),
                attack("SV-08 SignedHeaders upper-case", () -> editAuthorization(signed(), a -> a.replace(";host;", ";Host;")),
                        INCOMPLETE, 400, "SignedHeaders must be lower-case"),
                attack("SV-09 one body byte changed after signing",
                        () -> withBody(signed(), "{\"MaxResults\":11}"), INVALID, 403, MISMATCH),
                attack("SV-09 X-Amz-Content-Sha256: UNSIGNED-PAYLOAD", () -> cognitoListUserPools().unsignedPayload().sign(),
                        INVALID, 403, MISMATCH),
                attack("SV-09 X-Amz-Content-Sha256 matching the tampered body",
                        () -> replaceHeader(withBody(signed(), "{\"MaxResults\":11}"), "x-amz-content-sha256",
                                Digests.sha256Hex("{\"MaxResults\":11}".getBytes(StandardCharsets.UTF_8))),
                        INVALID, 403, MISMATCH),
                attack("SV-12 AWS4-HMAC-SHA1", () -> editAuthorization(signed(), a -> a.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1")),
                        INCOMPLETE, 400, "Unsupported Authorization algorithm"),
                attack("SV-12 SigV4a AWS4-ECDSA-P256-SHA256",
                        () -> editAuthorization(signed(), a -> a.replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256")),
                        INCOMPLETE, 400, "Unsupported Authorization algorithm"),
                attack("SV-12 Signature of 63 hex characters", () -> editAuthorization(signed(), a -> a.substring(0, a.length() - 1)),
                        INCOMPLETE, 400, "Signature must be 64 lower-case hexadecimal characters."),
                attack("SV-12 Signature in upper-case hex", () -> editAuthorization(signed(), a -> a.substring(0, a.indexOf("Signature="))
                                + a.substring(a.indexOf("Signature=")).toUpperCase(Locale.ROOT).replace("SIGNATURE=", "Signature=")),
                        INCOMPLETE, 400, "Signature must be 64 lower-case hexadecimal characters."),
                attack("SV-12 duplicate Credential=",
                        () -> editAuthorization(signed(), a -> a.replace("SignedHeaders=", "Credential=AKIAOTHER/20260314/us-east-1/cognito-idp/aws4_request, SignedHeaders=")),
                        INCOMPLETE, 400, "Authorization header must contain 'Credential' only once."),
                attack("SV-12 two Authorization headers",
                        () -> addHeader(signed(), "authorization", WireEdits.header(signed(), "Authorization")),
                        INCOMPLETE, 400, "The request must contain exactly one Authorization header."),
                attack("SV-12 missing Signature=", () -> editAuthorization(signed(), a -> a.substring(0, a.indexOf(", Signature="))),
                        INCOMPLETE, 400, "Authorization header requires 'Signature' parameter."),
                attack("SV-12 Bearer token instead of SigV4", () -> replaceHeader(signed(), "Authorization", "Bearer eyJhbGciOi.x.y"),
                        INCOMPLETE, 400, "Unsupported Authorization algorithm"),
                attack("SV-12 empty Authorization header", () -> replaceHeader(signed(), "Authorization", ""),
                        INCOMPLETE, 400, "Unsupported Authorization algorithm"),
                attack("SV-16 Host rewritten by a proxy, X-Forwarded-Host added",
                        () -> addHeader(replaceHeader(signed(), "Host", "10.0.0.7:8443"), "X-Forwarded-Host",
                                "cognito-idp.us-east-1.gatehouse.test"),
                        INVALID, 403, MISMATCH),
                attack("SV-17 X-Amz-Security-Token not in SignedHeaders",
                        () -> addHeader(signed(), "X-Amz-Security-Token", "anything"),
                        INCOMPLETE, 400, "'x-amz-security-token' must be included in SignedHeaders."),
                attack("SV-17 signed but unknown session token", () -> cognitoListUserPools().sessionToken("FwoGZXIvYXdzE").sign(),
                        UNRECOGNIZED, 400, "The security token included in the request is invalid."),
                attack("SV-07 X-Amz-Target changed after signing",
                        () -> replaceHeader(signed(), "X-Amz-Target", "AWSCognitoIdentityProviderService.DeleteUserPool"),
                        INVALID, 403, MISMATCH),
                attack("SV-07 X-Amz-Target added unsigned",
                        () -> addHeader(cognitoListUserPools().withoutHeader("X-Amz-Target").sign(), "X-Amz-Target",
                                "AWSCognitoIdentityProviderService.DeleteUserPool"),
                        INCOMPLETE, 400, "'x-amz-target' must be included in SignedHeaders."),
                attack("SV-07 X-Amz-Target sent twice",
                        () -> addHeader(signed(), "X-Amz-Target", "AWSCognitoIdentityProviderService.DeleteUserPool"),
                        INCOMPLETE, 400, "The request must not repeat the 'x-amz-target' header."),
                attack("Content-Type added unsigned",
                        () -> addHeader(cognitoListUserPools().withoutHeader("Content-Type").sign(), "Content-Type",
                                "application/x-amz-json-1.1"),
                        INCOMPLETE, 400, "'content-type' must be included in SignedHeaders."),
                attack("unsigned x-amz-* header added", () -> addHeader(signed(), "X-Amz-Meta-Role", "admin"),
                        INCOMPLETE, 400, "'x-amz-meta-role' must be included in SignedHeaders."),
                attack("X-Amz-Date removed, Date header sent instead",
                        () -> addHeader(removeHeader(signed(), "X-Amz-Date"), "Date", "Sat, 14 Mar 2026 09:26:53 GMT"),
                        INCOMPLETE, 400, "Authorization header requires existence of a 'X-Amz-Date' header."),
                attack("X-Amz-Date not basic ISO 8601", () -> replaceHeader(signed(), "X-Amz-Date", "2026-03-14T09:26:53Z"),
                        INCOMPLETE, 400, "Date must be in ISO-8601 'basic format'"),
                attack("X-Amz-Date with a sign", () -> replaceHeader(signed(), "X-Amz-Date", "+0260314T092653Z"),
                        INCOMPLETE, 400, "Date must be in ISO-8601 'basic format'"),
                attack("X-Amz-Date impossible calendar date", () -> replaceHeader(signed(), "X-Amz-Date", "20260230T092653Z"),
                        INCOMPLETE, 400, "Date must be in ISO-8601 'basic format'"),
                attack("CVE-2026-41145 class: presigned query credentials", () -> cognitoListUserPools().presigned().sign(),
                        INCOMPLETE, 400, "Query-string authentication is not supported"),
                attack("presigned query credentials beside a valid Authorization header",
                        () -> withQuery(signed(), "X-Amz-Credential=AKIAGATEHOUSETEST001%2F20260314&x-amz-signature=00"),
                        INCOMPLETE, 400, "Query-string authentication is not supported"),
                attack("query parameter added after signing", () -> withQuery(signed(), "Action=DeleteUserPool"),
                        INVALID, 403, MISMATCH),
                attack("malformed percent-encoding in the query", () -> withQuery(signed(), "a=%zz"),
                        INCOMPLETE, 400, "malformed percent-encoding"),
                attack("method changed after signing",
                        () -> { SignedRequest r = signed(); return new SignedRequest("PUT", r.rawPath(), r.rawQuery(), r.headers(), r.body()); },
                        INVALID, 403, MISMATCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void verifyWhenAttackThenRefusedWithAwsErrorAndNoSecret(Attack attack) {
        SignedRequest request = attack.request().get();
        SigV4Verifier verifier = new SigV4Verifier(knownKeys(), CLOCK, "cognito-idp", attack.allowedRegion());

        assertThatThrownBy(() -> verifier.verify(request)).isInstanceOfSatisfying(SigV4Exception.class, e -> {
            assertThat(e.code()).isEqualTo(attack.code());
            assertThat(e.httpStatus()).isEqualTo(attack.status());
            assertThat(e.getMessage()).contains(attack.message());
            assertNoSecretIn(e, request);
        });
    }

    @Test
    void verifyWhenPathChangedAfterSigningThenSignatureDoesNotMatch() {
        SigV4Verifier apiGateway = new SigV4Verifier(knownKeys(), CLOCK, "apigateway", AwsRegionNames::isWellFormed);
        SignedRequest request = WireEdits.withPath(apiGateway("/restapis/a").sign(), "/restapis/b");

        assertThatThrownBy(() -> apiGateway.verify(request)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.getMessage()).isEqualTo(MISMATCH));
    }

    @Test
    void fixturesForUnsignedPayloadAndPresignedRowsReallyProduceThoseRequests() {
        SignedRequest unsignedPayload = cognitoListUserPools().unsignedPayload().sign();
        SignedRequest presigned = cognitoListUserPools().presigned().sign();

        assertThat(WireEdits.header(unsignedPayload, "x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(presigned.rawQuery()).contains("X-Amz-Credential=").contains("X-Amz-Signature=");
        assertThat(presigned.headers()).noneMatch(h -> h.getKey().equalsIgnoreCase("Authorization"));
    }

    /** Random damage to the Authorization header, query and path yields a SigV4Exception, never another type. */
    @Test
    void verifyWhenRequestRandomlyDamagedThenOnlySigV4ExceptionOrSuccess() {
        SigV4Verifier verifier = SdkSignedRequests.cognitoVerifier();
        SignedRequest valid = withQuery(signed(), "a=1&b=%20");
        String authorization = WireEdits.header(valid, "Authorization");
        String alphabet = ",;=/ \t%AZaz09_-.~+\u00e9\u2713\"'\\";
        Random random = new Random(41145);
        for (int i = 0; i < 5_000; i++) {
            boolean damageAuthorization = random.nextBoolean();
            StringBuilder damaged = new StringBuilder(damageAuthorization ? authorization : valid.rawQuery());
            for (int edits = 1 + random.nextInt(3); edits > 0 && damaged.length() > 0; edits--) {
                int at = random.nextInt(damaged.length());
                switch (random.nextInt(3)) {
                    case 0 -> damaged.deleteCharAt(at);
                    case 1 -> damaged.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> damaged.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            SignedRequest request = damageAuthorization
                    ? replaceHeader(valid, "Authorization", damaged.toString())
                    : withQuery(valid, damaged.toString());
            try {
                verifier.verify(request);
            } catch (SigV4Exception e) {
                assertNoSecretIn(e, request);
            }
        }
    }

    private static void assertNoSecretIn(SigV4Exception e, SignedRequest request) {
        String signature = request.headers().stream().filter(h -> h.getKey().equalsIgnoreCase("Authorization"))
                .map(h -> h.getValue().replaceAll("^.*Signature=", "")).findFirst().orElse("");
        assertThat(e.getMessage()).doesNotContain(SECRET_KEY).doesNotContain("AWS4-HMAC-SHA256\n");
        assertThat(e.toString()).doesNotContain(SECRET_KEY);
        if (signature.length() >= 16) {
            assertThat(e.getMessage()).doesNotContain(signature);
        }
    }

    private static SignedRequest signed() {
        return cognitoListUserPools().sign();
    }

    private static Attack attack(String name, Supplier<SignedRequest> request, String code, int status, String message) {
        return new Attack(name, request, AwsRegionNames::isWellFormed, code, status, message);
    }
}
