package dev.gatehouse.manage;

import dev.gatehouse.model.Domain;
import dev.gatehouse.model.Failure;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;

import java.util.Objects;
import java.util.Optional;

/**
 * A pool's hosted domains (SPEC §3.2): at most one prefix domain and one custom domain per pool,
 * prefixes unique within a region. Lookups use the caller's region.
 */
public final class DomainService {

    /** Cognito API: DomainDescriptionType.ManagedLoginVersion; 1 (classic hosted UI) when not chosen [U]. */
    public static final int DEFAULT_MANAGED_LOGIN_VERSION = 1;
    private static final String TAKEN = "Domain already associated with another user pool.";
    /** [U] Cognito's wording for a domain that is unknown or belongs to another pool (Update/Delete). */
    private static final String NO_SUCH_DOMAIN = "No such domain or user pool exists.";

    private final Store store;
    private final DirectoryHolder directory;

    public DomainService(Store store, DirectoryHolder directory) {
        this.store = Objects.requireNonNull(store, "store");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * Cognito API: CreateUserPoolDomain.
     *
     * @param certificateArn null for a prefix domain; set for a custom domain (CustomDomainConfig)
     */
    public Domain create(String region, String poolId, String name, String certificateArn, String securityPolicy,
                         Integer managedLoginVersion) {
        boolean custom = certificateArn != null;
        Domain.validate(name, custom);
        PoolLookup.require(store, region, poolId);
        if (store.domainsOf(poolId).stream().anyMatch(d -> d.custom() == custom)) {
            // [U] a pool holds one prefix and one custom domain (UserPoolType.Domain / .CustomDomain)
            throw Failure.invalidParameter("User pool already has a domain configured.");
        }
        if (store.findDomain(region, name).isPresent()) {
            throw Failure.invalidParameter(TAKEN); // SPEC §3.2: unique per region across pools
        }
        Domain domain = new Domain(name, poolId, region, certificateArn, custom ? securityPolicy : null,
                managedLoginVersion == null ? DEFAULT_MANAGED_LOGIN_VERSION : managedLoginVersion);
        try {
            store.insertDomain(domain);
        } catch (StoreException.Duplicate e) {
            throw Failure.invalidParameter(TAKEN); // lost a race with another create
        }
        directory.refresh(poolId);
        return domain;
    }

    /** Cognito API: DescribeUserPoolDomain — empty for an unknown domain (Terraform relies on it). */
    public Optional<Domain> describe(String region, String name) {
        return store.findDomain(region, name);
    }

    /**
     * Cognito API: UpdateUserPoolDomain — only the certificate (custom domains) and the managed login
     * version change; a domain cannot be renamed. Null arguments keep the current values.
     */
    public Domain update(String region, String poolId, String name, String certificateArn, String securityPolicy,
                         Integer managedLoginVersion) {
        Domain current = owned(region, poolId, name);
        if (certificateArn != null && !current.custom()) {
            // [U] a prefix domain has no certificate to change
            throw Failure.invalidParameter("CustomDomainConfig can only be updated for a custom domain.");
        }
        Domain next = new Domain(current.domain(), current.poolId(), current.region(),
                certificateArn == null ? current.certificateArn() : certificateArn,
                certificateArn == null ? current.securityPolicy() : securityPolicy,
                managedLoginVersion == null ? current.managedLoginVersion() : managedLoginVersion);
        store.updateDomain(next);
        directory.refresh(poolId);
        return next;
    }

    /** Cognito API: DeleteUserPoolDomain — the domain must belong to the named pool. */
    public void delete(String region, String poolId, String name) {
        Domain domain = owned(region, poolId, name);
        store.deleteDomain(domain);
        directory.refresh(poolId);
    }

    private Domain owned(String region, String poolId, String name) {
        PoolLookup.require(store, region, poolId);
        return store.findDomain(region, name)
                .filter(d -> d.poolId().equals(poolId))
                .orElseThrow(() -> Failure.invalidParameter(NO_SUCH_DOMAIN));
    }
}
