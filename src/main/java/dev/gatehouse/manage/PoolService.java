package dev.gatehouse.manage;

import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.Failure;
import dev.gatehouse.model.Ids;
import dev.gatehouse.model.Tags;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Creating, reading, replacing and deleting user pools. Pools live in the region of the caller's
 * signature; a pool of another region is as absent as an unknown one. Each write is one store
 * transaction followed by a directory refresh.
 */
public final class PoolService {

    /** Cognito API: UserPoolType.DeletionProtection. */
    public static final String PROTECTION_ACTIVE = "ACTIVE";
    public static final String PROTECTION_INACTIVE = "INACTIVE";
    /** Cognito API: UserPoolTierType; new pools default to Essentials (since November 2024). */
    public static final String DEFAULT_TIER = "ESSENTIALS";
    private static final int ID_ATTEMPTS = 3;

    /** One entry of the pool's attribute schema, as it will be named in SchemaAttributes. */
    public record Attribute(String name, boolean custom, boolean required) {
        public Attribute {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * What CreateUserPool / UpdateUserPool settle: the members Gatehouse interprets plus the opaque
     * sign-in settings (already with Cognito's defaults filled in).
     *
     * @param deletionProtection null for the default ({@code INACTIVE})
     * @param tier               null for the default ({@code ESSENTIALS})
     */
    public record Settings(String deletionProtection, String tier, String signInSettings) {
        public Settings {
            Objects.requireNonNull(signInSettings, "signInSettings");
            deletionProtection = deletionProtection == null ? PROTECTION_INACTIVE : deletionProtection;
            tier = tier == null ? DEFAULT_TIER : tier;
        }
    }

    private final Store store;
    private final DirectoryHolder directory;

    public PoolService(Store store, DirectoryHolder directory) {
        this.store = Objects.requireNonNull(store, "store");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** Cognito API: CreateUserPool — a new pool with its two signing keys (access, ID), in one transaction. */
    public UserPool create(String region, String name, Settings settings, List<Attribute> schema,
                           Map<String, String> tags, Instant now) {
        validateSchema(schema);
        Tags.validateCount(tags);
        for (int attempt = 1; ; attempt++) {
            UserPool pool = new UserPool(Ids.userPoolId(region), region, name, settings.deletionProtection(),
                    settings.tier(), settings.signInSettings(), now, now);
            try {
                store.insertPool(pool, SigningKeys.newPoolKeys(pool.id(), now), tags);
            } catch (StoreException.Duplicate e) {
                // 9 random alphanumerics collide essentially never; a retry with a fresh id is the whole fix.
                if (attempt < ID_ATTEMPTS) {
                    continue;
                }
                throw e;
            }
            directory.refresh(pool.id());
            return pool;
        }
    }

    public UserPool require(String region, String poolId) {
        return PoolLookup.require(store, region, poolId);
    }

    /** Cognito API: ListUserPools — the caller's region only, ordered by id. */
    public Page<UserPool> list(String region, String afterId, int limit) {
        return store.listPools(region, afterId, limit);
    }

    /**
     * Cognito API: UpdateUserPool — a full replacement (SPEC §3.6): {@code settings} already holds
     * defaults for every omitted member. The name changes only when given ({@code newName} null keeps
     * it); tags are replaced only when given ({@code tags} null keeps them).
     */
    public UserPool update(String region, String poolId, String newName, Settings settings,
                           Map<String, String> tags, Instant now) {
        UserPool current = require(region, poolId);
        if (tags != null) {
            Tags.validateCount(tags);
        }
        Instant modified = now.isAfter(current.lastModifiedDate()) ? now : current.lastModifiedDate().plusMillis(1);
        UserPool next = new UserPool(current.id(), current.region(), newName == null ? current.name() : newName,
                settings.deletionProtection(), settings.tier(), settings.signInSettings(),
                current.creationDate(), modified);
        store.updatePool(next, tags);
        directory.refresh(poolId);
        return next;
    }

    /** Cognito API: DeleteUserPool — refused while protected or while a domain is attached; cascades. */
    public void delete(String region, String poolId) {
        UserPool pool = require(region, poolId);
        if (pool.deletionProtected()) {
            // Message as AWS returns it (quoted in localstack/localstack#11947, floci-io/floci#3948).
            throw Failure.invalidParameter("The user pool cannot be deleted because deletion protection is "
                    + "activated. Deletion protection must be inactivated first.");
        }
        if (!store.domainsOf(poolId).isEmpty()) {
            // SPEC §3.2 [O hashicorp/terraform-provider-aws#16479]
            throw Failure.invalidParameter(
                    "User pool cannot be deleted. It has a domain configured that should be deleted first.");
        }
        store.deletePool(poolId);
        directory.refresh(poolId);
    }

    public Map<String, String> tagsOf(String poolId) {
        return store.tagsOf(poolId);
    }

    public List<Domain> domainsOf(String poolId) {
        return store.domainsOf(poolId);
    }

    /** Schema rules Cognito checks beyond the model (CreateUserPool.Schema). */
    static void validateSchema(List<Attribute> schema) {
        Set<String> seen = new HashSet<>();
        for (Attribute attribute : schema) {
            if (!seen.add(attribute.name())) {
                // The form Cognito uses for AddCustomAttributes (jmaleonard/serverless-cognito-add-custom-attributes#3).
                throw Failure.invalidParameter(attribute.name() + ": Existing attribute already has name "
                        + attribute.name() + ".");
            }
            if (attribute.custom() && attribute.required()) {
                // [O boto/boto3#2317, trek10inc/serverless-cognito-manager#4]
                throw Failure.invalidParameter("Required custom attributes are not supported currently.");
            }
        }
    }
}
