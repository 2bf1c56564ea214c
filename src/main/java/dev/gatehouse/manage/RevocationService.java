package dev.gatehouse.manage;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.Failure;

import java.time.Instant;

/**
 * Gatehouse's client-level revocation operations (Cognito has none, SPEC §5.4): revoke every
 * token a client holds, and disable or enable a client. Each is one store call — a transaction
 * with a change-log row — followed by a refresh of the directory, so every verifier in this
 * process refuses the tokens before the call returns and other nodes follow via the change log.
 */
public final class RevocationService {

    private final ManageContext manage;

    public RevocationService(ManageContext manage) {
        this.manage = manage;
    }

    /** Every token of the client issued up to {@code now} stops verifying; later ones are unaffected. */
    public void revokeClientTokens(String region, String poolId, String clientId, Instant now) {
        require(region, poolId, clientId);
        manage.store().revokeClientTokens(poolId, clientId, now);
        manage.directory().refresh(poolId);
    }

    /**
     * The client gets {@code invalid_client} wherever it authenticates and its tokens stop
     * verifying. Disabling revokes them, so enabling again never revives them.
     */
    public void disable(String region, String poolId, String clientId, Instant now) {
        require(region, poolId, clientId);
        manage.store().disableClient(poolId, clientId, now);
        manage.directory().refresh(poolId);
    }

    /** The client may obtain tokens again; those issued before it was disabled stay revoked. */
    public void enable(String region, String poolId, String clientId) {
        require(region, poolId, clientId);
        manage.store().enableClient(poolId, clientId);
        manage.directory().refresh(poolId);
    }

    private AppClient require(String region, String poolId, String clientId) {
        PoolLookup.require(manage.store(), region, poolId);
        // Observed message of the Cognito client operations (SPEC §4.1).
        return manage.store().findClient(poolId, clientId)
                .orElseThrow(() -> Failure.notFound("User pool client " + clientId + " does not exist."));
    }
}
