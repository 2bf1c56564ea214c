package dev.gatehouse.token;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An access token that passed every check of {@link AccessTokenVerifier}.
 *
 * @param scopes the {@code scope} claim split on single spaces
 * @param iat    epoch seconds
 * @param exp    epoch seconds
 * @param claims every claim as parsed: String, Long, BigInteger, Double, Boolean, List, Map or null
 */
public record VerifiedAccessToken(String poolId, String clientId, Set<String> scopes, String jti, long iat, long exp,
                                  Map<String, Object> claims) implements TokenVerification {

    public VerifiedAccessToken {
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(jti, "jti");
        scopes = Set.copyOf(scopes);
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims)); // JSON null values allowed
    }

    /** A string claim, or null when absent or not a string. */
    public String stringClaim(String name) {
        return claims.get(name) instanceof String value ? value : null;
    }

    @Override
    public String toString() {
        return "VerifiedAccessToken[" + poolId + " " + clientId + " jti=" + jti + "]";
    }
}
