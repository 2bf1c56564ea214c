package dev.gatehouse.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.gatehouse.gateway.GatewayError;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.KeyRing;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.store.Directory;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.store.RevocationState;
import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.token.Base64Url;
import dev.gatehouse.token.JoseJson;
import dev.gatehouse.token.TokenRefusal;
import dev.gatehouse.token.TokenVerification;
import dev.gatehouse.token.VerifiedAccessToken;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * API Gateway REST {@code COGNITO_USER_POOLS} semantics (SPEC §6.1) for Gatehouse's own pools,
 * verified in memory by {@link AccessTokenVerifier} (no HTTP):
 * <ul>
 *   <li>the token must come from one of the authorizer's {@code providerARNs} pools;</li>
 *   <li>a method WITH scopes accepts access tokens only, any-of exact scope match;</li>
 *   <li>a method WITHOUT scopes accepts ID tokens only; Gatehouse issues no ID tokens (M2M), so
 *       every Gatehouse access token is refused there with 401, as on AWS;</li>
 *   <li>{@code identityValidationExpression} is matched against {@code aud}, which access tokens lack → 401;</li>
 *   <li>expired → {@code The incoming token has expired}; everything else → {@code Unauthorized}.</li>
 * </ul>
 * The result cache (key: the authorizer definition and the token, TTL {@code resultTtlSeconds} on the
 * injected clock, never past {@code exp}) holds only the signature and claims verdict: scopes are
 * evaluated per method, and expiry, client deletion, disabling, revocation and the signing key's
 * revocation (an emergency rotation) are re-checked on every hit.
 */
public final class CognitoUserPoolsAuthorizer {

    /**
     * The cache key. Its hash reads only the token's last characters (its signature: random, and only
     * verified tokens are cached, so nobody can choose them) and the authorizer's id: hashing the whole
     * kilobyte of a token and every field of its authorizer, per request, was a visible share of the
     * gateway's CPU. Equality is still the full token and definition.
     */
    private record Key(Authorizer authorizer, String token) {

        private static final int HASHED_TAIL = 32;

        @Override
        public int hashCode() {
            int hash = authorizer.id().hashCode();
            for (int i = Math.max(0, token.length() - HASHED_TAIL); i < token.length(); i++) {
                hash = 31 * hash + token.charAt(i);
            }
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && token.equals(key.token)
                    && (authorizer == key.authorizer || authorizer.equals(key.authorizer));
        }
    }

    /** A cached verdict: the verified token and the kid that signed it. */
    private record Verdict(VerifiedAccessToken token, String kid) {
    }

    private final AccessTokenVerifier verifier;
    private final DirectoryHolder directory;
    private final Clock clock;
    private final Cache<Key, Verdict> cache;
    private final LongAdder verifications = new LongAdder();

    public CognitoUserPoolsAuthorizer(AccessTokenVerifier verifier, DirectoryHolder directory, Clock clock) {
        this.verifier = verifier;
        this.directory = directory;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())) // the TTL runs on the same clock as exp
                .executor(Runnable::run) // upkeep on the caller: no hand-off to another thread per few reads
                .expireAfter(new Expiry<Key, Verdict>() {
                    @Override
                    public long expireAfterCreate(Key key, Verdict value, long currentTime) {
                        long ttl = Math.min(key.authorizer().resultTtlSeconds(),
                                Math.max(0, value.token().exp() - clock.instant().getEpochSecond()));
                        return TimeUnit.SECONDS.toNanos(ttl);
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Verdict value, long currentTime, long duration) {
                        return duration;
                    }

                    @Override
                    public long expireAfterRead(Key key, Verdict value, long currentTime, long duration) {
                        return duration;
                    }
                })
                .build();
    }

    public AuthDecision decide(Authorizer authorizer, ApiMethod method, String token) {
        if (token == null) {
            return AuthDecision.deny(GatewayError.noToken("no_token"));
        }
        Key key = new Key(authorizer, token);
        Verdict cached = cache.getIfPresent(key);
        VerifiedAccessToken verified;
        if (cached != null) {
            verified = cached.token();
            Optional<GatewayError> stillValid = stillValid(cached);
            if (stillValid.isPresent()) {
                cache.invalidate(key);
                return AuthDecision.deny(stillValid.get(), verified.clientId());
            }
        } else {
            verifications.increment();
            TokenVerification verification = verifier.verify(token);
            if (verification instanceof TokenRefusal refusal) {
                return AuthDecision.deny(refusal == TokenRefusal.EXPIRED ? GatewayError.expired()
                        : GatewayError.unauthorized(refusal.code()));
            }
            verified = (VerifiedAccessToken) verification;
            if (!providerPools(authorizer).contains(verified.poolId())) {
                return AuthDecision.deny(GatewayError.unauthorized("wrong_pool"), verified.clientId());
            }
            if (!audienceMatches(authorizer, verified)) {
                return AuthDecision.deny(GatewayError.unauthorized("aud_mismatch"), verified.clientId());
            }
            if (authorizer.resultTtlSeconds() > 0) {
                cache.put(key, new Verdict(verified, kid(token)));
            }
        }
        if (method.authorizationScopes().isEmpty()) {
            // SPEC §6.1: no scopes = ID tokens only; this is an access token (all M2M tokens are).
            return AuthDecision.deny(GatewayError.unauthorized("access_token_on_unscoped_method"), verified.clientId());
        }
        if (!Scopes.anyOf(method.authorizationScopes(), verified.claims(), false)) {
            return AuthDecision.deny(GatewayError.scopeUnauthorized("scope_mismatch"), verified.clientId());
        }
        return AuthDecision.allow(verified.claims(), verified.clientId());
    }

    /** Full verifications so far: a cache hit makes none (for tests of the cache). */
    long verifications() {
        return verifications.sum();
    }

    /**
     * What a cache hit must still pass: expiry, the client's existence, revocation and the signing key
     * (the directory may have changed since the verdict).
     */
    /** Whether the access key {@code kid} is still in the pool's JWKS: the one key's state, not the whole list's. */
    private static boolean stillPublished(Directory snapshot, String poolId, String kid, Instant now) {
        Optional<Directory.PoolEntry> pool = snapshot.pool(poolId);
        if (pool.isEmpty()) {
            return false;
        }
        KeyRing ring = pool.get().keyRing();
        for (SigningKey key : ring.keys()) {
            if (key.purpose() == KeyPurpose.ACCESS && key.kid().equals(kid)) {
                return ring.state(key, now).published();
            }
        }
        return false;
    }

    private Optional<GatewayError> stillValid(Verdict verdict) {
        VerifiedAccessToken token = verdict.token();
        Instant now = clock.instant();
        if (now.getEpochSecond() >= token.exp()) {
            return Optional.of(GatewayError.expired());
        }
        Directory snapshot = directory.current();
        if (!stillPublished(snapshot, token.poolId(), verdict.kid(), now)) {
            return Optional.of(GatewayError.unauthorized(TokenRefusal.UNKNOWN_KID.code())); // e.g. emergency rotation
        }
        Optional<Directory.ClientEntry> client = snapshot.client(token.clientId());
        if (client.isEmpty() || !client.get().client().poolId().equals(token.poolId())) {
            return Optional.of(GatewayError.unauthorized(TokenRefusal.UNKNOWN_CLIENT.code()));
        }
        RevocationState revocations = snapshot.revocations(token.poolId());
        if (revocations.isDisabled(token.clientId())) {
            return Optional.of(GatewayError.unauthorized(TokenRefusal.DISABLED_CLIENT.code()));
        }
        if (revocations.isRevoked(token.clientId(), token.jti(), token.iat())) {
            return Optional.of(GatewayError.unauthorized(TokenRefusal.REVOKED.code()));
        }
        return Optional.empty();
    }

    /** The kid of a token that has just been verified, so its header is well formed. */
    private static String kid(String token) {
        return (String) JoseJson.parseObject(Base64Url.decode(token, 0, token.indexOf('.'))).get("kid");
    }

    /** Pool ids of {@code arn:aws:cognito-idp:{region}:{account}:userpool/{poolId}}; anything else names no pool. */
    static Set<String> providerPools(Authorizer authorizer) {
        Set<String> pools = new HashSet<>();
        for (String arn : authorizer.providerArns()) {
            int slash = arn.lastIndexOf(":userpool/");
            if (arn.startsWith("arn:") && slash > 0) {
                pools.add(arn.substring(slash + ":userpool/".length()));
            }
        }
        return pools;
    }

    private static boolean audienceMatches(Authorizer authorizer, VerifiedAccessToken token) {
        String expression = authorizer.identityValidationExpression();
        if (expression == null || expression.isEmpty()) {
            return true;
        }
        if (!(token.claims().get("aud") instanceof String aud)) {
            return false; // access tokens carry no aud: the expression breaks M2M, as on AWS (SPEC §6.1)
        }
        try {
            return Pattern.compile(expression).matcher(aud).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
