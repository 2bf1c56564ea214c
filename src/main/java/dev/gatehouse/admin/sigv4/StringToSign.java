package dev.gatehouse.admin.sigv4;

import java.nio.charset.StandardCharsets;

/** AWS SigV4: AWS4-HMAC-SHA256 \n amz-date \n credential scope \n hex(SHA-256(canonical request)). */
final class StringToSign {

    private StringToSign() {
    }

    static byte[] of(AmzDate date, CredentialScope scope, String canonicalRequest) {
        String stringToSign = AuthorizationHeader.ALGORITHM + '\n' + date.text() + '\n' + scope.scope() + '\n'
                + Digests.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        return stringToSign.getBytes(StandardCharsets.UTF_8);
    }
}
