package dev.gatehouse.admin;

import java.util.Map;
import java.util.Optional;

/**
 * The admin access keys that may sign management calls, held in memory so SigV4 verification
 * never waits on the database. Immutable; replaced as a whole when keys change.
 */
public final class AdminCredentials {

    private final Map<String, String> secretsByAccessKey;

    public AdminCredentials(Map<String, String> secretsByAccessKey) {
        this.secretsByAccessKey = Map.copyOf(secretsByAccessKey);
    }

    public Optional<String> secretKeyFor(String accessKeyId) {
        return Optional.ofNullable(secretsByAccessKey.get(accessKeyId));
    }

    @Override
    public String toString() {
        return "AdminCredentials[" + secretsByAccessKey.size() + " keys]";
    }
}
