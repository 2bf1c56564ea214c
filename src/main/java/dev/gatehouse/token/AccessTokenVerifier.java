package dev.gatehouse.token;

import dev.gatehouse.keys.JwsSignatures;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.SigningAlgorithm;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.store.Directory;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.store.RevocationState;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Verifies access tokens of Gatehouse's own pools against the in-memory {@link Directory} only —
 * no HTTP, no database — so the token endpoint's neighbours and the gateway share one strict
 * implementation (DESIGN §8 "JWT checks are explicit", SECURITY §1.3, §2.2). Cheap checks come
 * first; nothing is fetched from a URL a token names.
 *
 * <ol>
 *   <li>at most {@value #MAX_TOKEN_LENGTH} characters, exactly three non-empty strict base64url parts (JW-08, JW-24, JW-28);</li>
 *   <li>header: strict JSON object with only {@code alg}, {@code kid} and {@code typ}; {@code jku}, {@code x5u},
 *       {@code x5c}, {@code jwk}, {@code crit}, {@code zip} and the rest are refused, never followed (JW-04, JW-05, JW-23);
 *       {@code alg} must be RS256 or ES256 (JW-01, JW-02, JW-22) and, once the key is found, exactly that key's
 *       algorithm: the header alone never chooses how a key is used (JW-10, RFC 8725 §3.1);</li>
 *   <li>claims: strict JSON (duplicates, depth, UTF-8: JW-21, JW-25, JW-26, JW-29) parsed before the signature
 *       only so that {@code iss} can name the pool;</li>
 *   <li>{@code iss} == issuer base + "/" + poolId exactly (JW-12, JW-29); the {@code kid} is looked up only among
 *       that pool's published access-token keys (JW-06, JW-13);</li>
 *   <li>the signature in its JWS form for the key's algorithm: modulus length for RS256 (JW-09), 64 bytes
 *       {@code R || S} with non-zero r, s below the group order for ES256 (CVE-2022-21449);</li>
 *   <li>{@code exp} required, {@code iat} required and not in the future, {@code nbf} honoured, all JSON integers
 *       (JW-16, JW-17, JW-18, JW-20); {@code token_use} == "access" (JW-14); string claims are strings;</li>
 *   <li>the client still exists in the pool, is not disabled, and the token is not revoked.</li>
 * </ol>
 * Clock leeway applies to {@code exp}, {@code iat} and {@code nbf}; default 0 (as aws-jwt-verify).
 */
public final class AccessTokenVerifier {

    /** Far above any real token (50 scopes of 513 characters), far below what a deep-nesting attack needs. */
    public static final int MAX_TOKEN_LENGTH = 48 * 1024;
    private static final Set<String> HEADER_MEMBERS = Set.of("alg", "kid", "typ");

    private final DirectoryHolder directory;
    private final Supplier<String> issuerBaseUrl;
    private final Clock clock;
    private final long leewaySeconds;
    private final JwsSignatures signatures = new JwsSignatures();

    /**
     * @param issuerBaseUrl read per token: the default base is known only once the listener is bound
     * @param leeway        tolerated clock skew for exp, iat and nbf (RFC 7519 §4.1.4: a few minutes at most)
     */
    public AccessTokenVerifier(DirectoryHolder directory, Supplier<String> issuerBaseUrl, Clock clock, Duration leeway) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.issuerBaseUrl = Objects.requireNonNull(issuerBaseUrl, "issuerBaseUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (leeway.isNegative()) {
            throw new IllegalArgumentException("leeway must not be negative");
        }
        this.leewaySeconds = leeway.getSeconds();
    }

    public AccessTokenVerifier(DirectoryHolder directory, Supplier<String> issuerBaseUrl, Clock clock) {
        this(directory, issuerBaseUrl, clock, Duration.ZERO);
    }

    /** Verifies a token of any pool this server holds. */
    public TokenVerification verify(String token) {
        return verify(token, null);
    }

    /**
     * Verifies a token that must belong to {@code expectedPoolId} (null: any pool); a token of
     * another pool is {@link TokenRefusal#UNKNOWN_ISSUER}.
     */
    public TokenVerification verify(String token, String expectedPoolId) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return TokenRefusal.MALFORMED;
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            return TokenRefusal.MALFORMED; // exactly three parts: a JWE has five (JW-28)
        }
        byte[] headerBytes = Base64Url.decode(token, 0, firstDot);
        byte[] payloadBytes = headerBytes == null ? null : Base64Url.decode(token, firstDot + 1, secondDot);
        byte[] signature = payloadBytes == null ? null : Base64Url.decode(token, secondDot + 1, token.length());
        if (signature == null) {
            return TokenRefusal.MALFORMED;
        }
        Map<String, Object> header = JoseJson.parseObject(headerBytes);
        if (header == null) {
            return TokenRefusal.MALFORMED;
        }
        if (!HEADER_MEMBERS.containsAll(header.keySet()) || SigningAlgorithm.named(header.get("alg")).isEmpty()
                || (header.containsKey("typ") && !"JWT".equals(header.get("typ")))) {
            return TokenRefusal.UNSUPPORTED_ALGORITHM;
        }
        if (!(header.get("kid") instanceof String kid)) {
            return TokenRefusal.MALFORMED;
        }
        Map<String, Object> claims = JoseJson.parseObject(payloadBytes);
        if (claims == null) {
            return TokenRefusal.MALFORMED;
        }
        if (!(claims.get("iss") instanceof String issuer)) {
            return TokenRefusal.UNKNOWN_ISSUER;
        }
        Directory snapshot = directory.current();
        Optional<Directory.PoolEntry> pool = poolOf(snapshot, issuer, expectedPoolId);
        if (pool.isEmpty()) {
            return TokenRefusal.UNKNOWN_ISSUER;
        }
        SigningKey key = accessKey(pool.get(), kid, clock.instant());
        if (key == null) {
            return TokenRefusal.UNKNOWN_KID;
        }
        if (!key.algorithm().name().equals(header.get("alg"))) {
            return TokenRefusal.UNSUPPORTED_ALGORITHM; // each key is used with exactly one algorithm (RFC 8725 §3.1)
        }
        if (!signatures.valid(key, token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII), signature)) {
            return TokenRefusal.BAD_SIGNATURE;
        }
        return checkClaims(snapshot, pool.get().pool().id(), claims);
    }

    private TokenVerification checkClaims(Directory snapshot, String poolId, Map<String, Object> claims) {
        Object exp = claims.get("exp");
        Object iat = claims.get("iat");
        Object nbf = claims.get("nbf");
        Object clientId = claims.get("client_id");
        Object jti = claims.get("jti");
        Object scope = claims.get("scope");
        Object sub = claims.get("sub");
        Object tokenUse = claims.get("token_use");
        // NumericDate must be a JSON number (RFC 7519 §2): strings, booleans and floats are not coerced (JW-20).
        if (!(exp instanceof Long expires) || !(iat instanceof Long issuedAt)
                || (nbf != null && !(nbf instanceof Long)) || (claims.containsKey("nbf") && nbf == null)
                || !(clientId instanceof String client) || !(jti instanceof String tokenId)
                || (scope != null && !(scope instanceof String)) || (claims.containsKey("scope") && scope == null)
                || (sub != null && !(sub instanceof String)) || (claims.containsKey("sub") && sub == null)) {
            return TokenRefusal.INVALID_CLAIMS;
        }
        if (!"access".equals(tokenUse)) {
            return TokenRefusal.WRONG_TOKEN_USE; // mutually exclusive with ID tokens (RFC 8725 §3.12, JW-14)
        }
        long now = clock.instant().getEpochSecond();
        if (now >= saturatedAdd(expires, leewaySeconds)) {
            return TokenRefusal.EXPIRED; // RFC 7519 §4.1.4: "on or after"
        }
        if (issuedAt > saturatedAdd(now, leewaySeconds)) {
            return TokenRefusal.ISSUED_IN_FUTURE;
        }
        if (nbf instanceof Long notBefore && saturatedAdd(now, leewaySeconds) < notBefore) {
            return TokenRefusal.NOT_YET_VALID;
        }
        Optional<Directory.ClientEntry> entry = snapshot.client(client);
        if (entry.isEmpty() || !entry.get().client().poolId().equals(poolId)) {
            return TokenRefusal.UNKNOWN_CLIENT; // a deleted client's tokens die with it
        }
        RevocationState revocations = snapshot.revocations(poolId);
        if (revocations.isDisabled(client)) {
            return TokenRefusal.DISABLED_CLIENT;
        }
        if (revocations.isRevoked(client, tokenId, issuedAt)) {
            return TokenRefusal.REVOKED;
        }
        return new VerifiedAccessToken(poolId, client, scopes((String) scope), tokenId, issuedAt, expires, claims);
    }

    /** The pool an exact issuer names: base + "/" + pool id, nothing else (JW-12). */
    private Optional<Directory.PoolEntry> poolOf(Directory snapshot, String issuer, String expectedPoolId) {
        String base = issuerBaseUrl.get();
        if (base == null || issuer.length() <= base.length() + 1 || !issuer.startsWith(base)
                || issuer.charAt(base.length()) != '/') {
            return Optional.empty();
        }
        String poolId = issuer.substring(base.length() + 1);
        if (expectedPoolId != null && !expectedPoolId.equals(poolId)) {
            return Optional.empty();
        }
        return snapshot.pool(poolId);
    }

    /** Only the named pool's access-token keys published now (revoked keys never), an in-memory scan (JW-06, JW-13). */
    private static SigningKey accessKey(Directory.PoolEntry pool, String kid, java.time.Instant now) {
        for (SigningKey key : pool.publishedKeys(now)) {
            if (key.purpose() == KeyPurpose.ACCESS && key.kid().equals(kid)) {
                return key;
            }
        }
        return null;
    }

    private static Set<String> scopes(String scope) {
        if (scope == null || scope.isEmpty()) {
            return Set.of();
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String item : scope.split(" ", -1)) {
            if (!item.isEmpty()) {
                scopes.add(item);
            }
        }
        return Collections.unmodifiableSet(scopes);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
