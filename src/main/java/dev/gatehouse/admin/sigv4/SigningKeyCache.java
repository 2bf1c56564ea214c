package dev.gatehouse.admin.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS SigV4 signing key, kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
 * "aws4_request"), kept in a small bounded map so most verifications cost one HMAC instead of five.
 * Keyed by the secret itself, so a rotated secret never reuses an old key.
 */
final class SigningKeyCache {

    private static final int MAX_ENTRIES = 1024;

    private final Map<Key, byte[]> keys = new ConcurrentHashMap<>();

    byte[] signingKey(String secretAccessKey, CredentialScope scope) {
        Key key = new Key(secretAccessKey, scope.date(), scope.region(), scope.service());
        byte[] cached = keys.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] derived = derive(secretAccessKey, scope);
        if (keys.size() >= MAX_ENTRIES) {
            keys.clear(); // keys change daily; dropping them all is cheaper than tracking age
        }
        keys.put(key, derived);
        return derived;
    }

    private static byte[] derive(String secretAccessKey, CredentialScope scope) {
        byte[] dateKey = Digests.hmacSha256(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), utf8(scope.date()));
        byte[] regionKey = Digests.hmacSha256(dateKey, utf8(scope.region()));
        byte[] serviceKey = Digests.hmacSha256(regionKey, utf8(scope.service()));
        return Digests.hmacSha256(serviceKey, utf8(CredentialScope.TERMINATOR));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private record Key(String secretAccessKey, String date, String region, String service) {
        @Override
        public String toString() {
            return "SigningKeyCache.Key[" + date + "/" + region + "/" + service + "]";
        }
    }
}
