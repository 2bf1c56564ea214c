package dev.gatehouse.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A Cognito user pool. Gatehouse interprets only what machine-to-machine traffic needs; the
 * members that matter to user sign-in (schema, MFA, messages, ...) are kept as an opaque JSON
 * document so real tooling round-trips them ({@code signInSettings}).
 *
 * @param deletionProtection {@code ACTIVE} or {@code INACTIVE}
 * @param signInSettings     JSON object text of the stored sign-in members, never interpreted here
 */
public record UserPool(
        String id,
        String region,
        String name,
        String deletionProtection,
        String tier,
        String signInSettings,
        Instant creationDate,
        Instant lastModifiedDate) {

    public UserPool {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(deletionProtection, "deletionProtection");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(signInSettings, "signInSettings");
        Objects.requireNonNull(creationDate, "creationDate");
        Objects.requireNonNull(lastModifiedDate, "lastModifiedDate");
    }

    public boolean deletionProtected() {
        return "ACTIVE".equals(deletionProtection);
    }

    /** {@code arn:aws:cognito-idp:{region}:{accountId}:userpool/{poolId}} */
    public String arn(String accountId) {
        return "arn:aws:cognito-idp:" + region + ":" + accountId + ":userpool/" + id;
    }

    /** The region a pool id names: everything before the underscore. */
    public static String regionOf(String poolId) {
        int underscore = poolId.indexOf('_');
        return underscore < 0 ? "" : poolId.substring(0, underscore);
    }
}
