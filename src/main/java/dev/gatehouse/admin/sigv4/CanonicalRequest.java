package dev.gatehouse.admin.sigv4;

import java.util.List;

/**
 * AWS SigV4: canonical request = method, canonical URI, canonical query string, canonical headers,
 * signed header list and the hex SHA-256 of the payload. The payload hash is always computed from the
 * bytes received: a client-declared x-amz-content-sha256 (including UNSIGNED-PAYLOAD) is ignored
 * (SECURITY.md SV-09).
 */
final class CanonicalRequest {

    private CanonicalRequest() {
    }

    static String of(SignedRequest request, String canonicalQuery, RequestHeaders headers, List<String> signedHeaders) {
        StringBuilder canonical = new StringBuilder(512);
        canonical.append(request.method()).append('\n')
                .append(CanonicalUri.of(request.rawPath())).append('\n')
                .append(canonicalQuery).append('\n');
        CanonicalHeaders.append(signedHeaders, headers, canonical);
        canonical.append('\n')
                .append(String.join(";", signedHeaders)).append('\n')
                .append(Digests.sha256Hex(request.body()));
        return canonical.toString();
    }
}
