package dev.gatehouse.manage;

import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.model.Failure;

/**
 * Gatehouse's own per-client issuance limit (docs/abuse-protection.md): stored with the client,
 * carried in the directory, enforced by the token issuer. Cognito has no such setting.
 */
public final class ClientRateLimitService {

    private final ManageContext manage;

    public ClientRateLimitService(ManageContext manage) {
        this.manage = manage;
    }

    /**
     * Sets the client's limit: {@code ratePerSecond} 0 returns it to the node's default;
     * {@code burst} null or 0 means twice the rate.
     *
     * @return the limit now in force for the client
     */
    public ClientRateLimit set(String region, String poolId, String clientId, int ratePerSecond, Integer burst) {
        PoolLookup.require(manage.store(), region, poolId);
        manage.store().findClient(poolId, clientId)
                .orElseThrow(() -> Failure.notFound("User pool client " + clientId + " does not exist."));
        if (ratePerSecond < 0 || (burst != null && burst < 0)) {
            throw Failure.invalidParameter("RatePerSecond and Burst must not be negative.");
        }
        ClientRateLimit own = null;
        if (ratePerSecond == 0) {
            if (burst != null && burst != 0) {
                throw Failure.invalidParameter("Burst must be 0 or omitted when RatePerSecond is 0 (the default).");
            }
        } else {
            own = new ClientRateLimit(ratePerSecond, burst == null || burst == 0
                    ? (int) Math.min(ClientRateLimit.MAX_BURST, 2L * ratePerSecond) : burst);
        }
        manage.store().setClientRateLimit(poolId, clientId, own);
        manage.directory().refresh(poolId);
        return own != null ? own : manage.config().abuse().clientRateLimit();
    }
}
