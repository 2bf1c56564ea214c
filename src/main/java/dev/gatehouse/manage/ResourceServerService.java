package dev.gatehouse.manage;

import dev.gatehouse.model.Failure;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.Scope;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.StoreException;

import java.util.List;

/**
 * Resource servers of a pool (SPEC §3.3). Every operation first requires the pool in the caller's
 * region; every write is one store call followed by a refresh of the directory, so the token
 * endpoint sees the new scopes at once.
 */
public final class ResourceServerService {

    /** Cognito API: ListResourceServers MaxResults 1–50. */
    public static final int MAX_PAGE = 50;

    private final ManageContext manage;

    public ResourceServerService(ManageContext manage) {
        this.manage = manage;
    }

    public ResourceServer create(String region, String poolId, String identifier, String name, List<Scope> scopes) {
        PoolLookup.require(manage.store(), region, poolId);
        ResourceServer server = new ResourceServer(poolId, identifier, name, scopes);
        server.validate();
        if (manage.store().findResourceServer(poolId, identifier).isPresent()) {
            throw duplicate(poolId, identifier);
        }
        // Cognito quota: 25 resource servers per pool (SPEC §5.3).
        if (manage.store().countResourceServers(poolId) >= ResourceServer.MAX_PER_POOL) {
            throw Failure.limitExceeded("The user pool " + poolId + " already has the maximum number of "
                    + ResourceServer.MAX_PER_POOL + " resource servers.");
        }
        try {
            manage.store().insertResourceServer(server);
        } catch (StoreException.Duplicate e) {
            throw duplicate(poolId, identifier);
        }
        manage.directory().refresh(poolId);
        return server;
    }

    public ResourceServer describe(String region, String poolId, String identifier) {
        PoolLookup.require(manage.store(), region, poolId);
        return require(poolId, identifier);
    }

    public Page<ResourceServer> list(String region, String poolId, String afterIdentifier, int limit) {
        PoolLookup.require(manage.store(), region, poolId);
        return manage.store().listResourceServers(poolId, afterIdentifier, limit);
    }

    /** Full replacement of Name and Scopes (SPEC §3.6): omitted scopes mean none. */
    public ResourceServer update(String region, String poolId, String identifier, String name, List<Scope> scopes) {
        PoolLookup.require(manage.store(), region, poolId);
        ResourceServer server = new ResourceServer(poolId, identifier, name, scopes);
        server.validate();
        require(poolId, identifier);
        manage.store().updateResourceServer(server);
        manage.directory().refresh(poolId);
        return server;
    }

    /** Client associations with the deleted scopes stay; the scopes become inactive (SPEC §3.3, §1.4). */
    public void delete(String region, String poolId, String identifier) {
        PoolLookup.require(manage.store(), region, poolId);
        require(poolId, identifier);
        manage.store().deleteResourceServer(poolId, identifier);
        manage.directory().refresh(poolId);
    }

    private ResourceServer require(String poolId, String identifier) {
        // Message [U]: Cognito's own wording for an unknown resource server was not found in any capture.
        return manage.store().findResourceServer(poolId, identifier)
                .orElseThrow(() -> Failure.notFound("Resource server " + identifier + " does not exist."));
    }

    private static Failure duplicate(String poolId, String identifier) {
        // Type per SPEC §3.3 (likely InvalidParameterException); message [U].
        return Failure.invalidParameter("A resource server with identifier " + identifier
                + " already exists in user pool " + poolId + ".");
    }
}
