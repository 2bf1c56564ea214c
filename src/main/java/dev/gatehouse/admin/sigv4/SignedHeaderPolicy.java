package dev.gatehouse.admin.sigv4;

import java.util.List;

/**
 * Which headers must be covered by the signature. Stricter than AWS where AWS is weak
 * (SECURITY.md SV-07, SV-08, SV-17; MinIO #5436): every header that selects or shapes the operation
 * is signed, and a signed header that was not received is refused rather than signed as empty.
 */
final class SignedHeaderPolicy {

    // IAM UserGuide "Create a signed AWS API request": host and x-amz-date must be signed
    private static final List<String> ALWAYS_SIGNED = List.of("host", "x-amz-date");
    // DESIGN.md §8: the action selector and the body's media type must be signed when sent
    private static final List<String> SIGNED_WHEN_PRESENT = List.of("x-amz-target", "content-type");
    // one value each, so the router and the verifier cannot read different copies
    private static final List<String> SINGLE_VALUED = List.of(
            "host", "x-amz-date", "x-amz-target", "content-type", "content-length", "x-amz-content-sha256",
            "x-amz-security-token");

    private SignedHeaderPolicy() {
    }

    static void check(List<String> signedHeaders, RequestHeaders headers) {
        for (String name : ALWAYS_SIGNED) {
            if (!signedHeaders.contains(name)) {
                throw unsigned(name);
            }
        }
        for (String name : SIGNED_WHEN_PRESENT) {
            if (headers.has(name) && !signedHeaders.contains(name)) {
                throw unsigned(name);
            }
        }
        for (String name : headers.names()) {
            if (name.startsWith("x-amz-") && !signedHeaders.contains(name)) {
                throw unsigned(name);
            }
        }
        for (String name : signedHeaders) {
            if (name.equals("authorization")) {
                throw SigV4Exception.incompleteSignature("SignedHeaders must not include 'authorization'.");
            }
            if (!headers.has(name)) {
                throw SigV4Exception.incompleteSignature("Signed header '" + name + "' is missing from the request.");
            }
        }
        for (String name : SINGLE_VALUED) {
            headers.single(name);
        }
    }

    private static SigV4Exception unsigned(String name) {
        return SigV4Exception.incompleteSignature("'" + name + "' must be included in SignedHeaders.");
    }
}
