package dev.gatehouse.admin.sigv4;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Server-side AWS Signature Version 4 verification of header-signed requests (IAM UserGuide "Create a
 * signed AWS API request"; SECURITY.md §1.6, §2.6). Every refusal is a {@link SigV4Exception} with
 * AWS's error code and wording. Thread-safe.
 */
public final class SigV4Verifier {

    private final CredentialLookup credentials;
    private final RequestTimeWindow timeWindow;
    private final String expectedService;
    private final Predicate<String> allowedRegion;
    private final SigningKeyCache signingKeys = new SigningKeyCache();

    /**
     * @param expectedService the credential-scope service, e.g. "cognito-idp" or "apigateway"
     * @param allowedRegion   the regions served, e.g. {@code AwsRegionNames::isWellFormed}
     */
    public SigV4Verifier(CredentialLookup credentials, Clock clock, String expectedService,
                         Predicate<String> allowedRegion) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.timeWindow = new RequestTimeWindow(clock);
        this.expectedService = Objects.requireNonNull(expectedService, "expectedService");
        this.allowedRegion = Objects.requireNonNull(allowedRegion, "allowedRegion");
    }

    public VerifiedCaller verify(SignedRequest request) throws SigV4Exception {
        Objects.requireNonNull(request, "request");
        String canonicalQuery = CanonicalQueryString.of(request.rawQuery());
        RequestHeaders headers = RequestHeaders.of(request.headers());
        AuthorizationHeader authorization = AuthorizationHeader.parse(authorizationValue(headers));
        AmzDate date = AmzDate.parse(headers.single("x-amz-date"));
        SignedHeaderPolicy.check(authorization.signedHeaders(), headers);
        CredentialScope scope = authorization.credential();
        checkScope(scope, date);
        timeWindow.check(date);
        if (headers.has("x-amz-security-token")) {
            throw SigV4Exception.unrecognizedClient(); // gatehouse issues no session credentials (SV-17)
        }
        String secret = credentials.secretKeyFor(scope.accessKeyId()).orElseThrow(SigV4Exception::unrecognizedClient);
        byte[] expected = signature(secret, scope, date, CanonicalRequest.of(request, canonicalQuery, headers,
                authorization.signedHeaders()));
        // CWE-208: constant-time comparison of the raw HMAC bytes
        if (!MessageDigest.isEqual(expected, authorization.signature())) {
            throw SigV4Exception.signatureDoesNotMatch();
        }
        return new VerifiedCaller(scope.accessKeyId(), scope.region(), scope.service());
    }

    private static String authorizationValue(RequestHeaders headers) {
        List<String> values = headers.values("authorization");
        if (values.isEmpty()) {
            throw SigV4Exception.missingAuthenticationToken();
        }
        if (values.size() > 1) {
            throw SigV4Exception.incompleteSignature("The request must contain exactly one Authorization header.");
        }
        return values.get(0);
    }

    // IAM UserGuide, signature-v4-troubleshooting: AWS's credential-scope messages
    private void checkScope(CredentialScope scope, AmzDate date) {
        if (!scope.terminator().equals(CredentialScope.TERMINATOR)) {
            throw SigV4Exception.incompleteSignature("Credential should be scoped with a valid terminator: '"
                    + CredentialScope.TERMINATOR + "', not '" + scope.terminator() + "'.");
        }
        if (!scope.service().equals(expectedService)) {
            throw SigV4Exception.invalidSignature(
                    "Credential should be scoped to correct service: '" + expectedService + "'.");
        }
        if (!allowedRegion.test(scope.region())) {
            throw SigV4Exception.invalidSignature(
                    "Credential should be scoped to a valid Region, not " + scope.region() + ".");
        }
        if (!scope.date().equals(date.day())) {
            throw SigV4Exception.invalidSignature(
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + scope.date() + "' != '" + date.day() + "', from '" + date.text() + "'.");
        }
    }

    private byte[] signature(String secret, CredentialScope scope, AmzDate date, String canonicalRequest) {
        return Digests.hmacSha256(signingKeys.signingKey(secret, scope), StringToSign.of(date, scope, canonicalRequest));
    }
}
