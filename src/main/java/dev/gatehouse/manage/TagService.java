package dev.gatehouse.manage;

import dev.gatehouse.model.Failure;
import dev.gatehouse.model.Tags;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.store.Store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags of user pools, addressed by ARN ({@code arn:aws:cognito-idp:{region}:{account}:userpool/{poolId}},
 * SPEC §3.1). A malformed or non-user-pool ARN is an invalid parameter; a well-formed ARN of another
 * region or account names a pool that does not exist here [E: floci, ministack].
 */
public final class TagService {

    private static final Pattern POOL_ARN =
            Pattern.compile("^arn:aws:cognito-idp:([a-z0-9-]+):([0-9]{12}):userpool/([\\w-]+_[0-9a-zA-Z]+)$");

    private final Store store;
    private final DirectoryHolder directory;
    private final String accountId;

    public TagService(Store store, DirectoryHolder directory, String accountId) {
        this.store = Objects.requireNonNull(store, "store");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    /** Cognito API: TagResource — adds or overwrites; at most 50 tags per pool afterwards. */
    public void tag(String region, String arn, Map<String, String> tags) {
        UserPool pool = poolOf(region, arn);
        Map<String, String> merged = new LinkedHashMap<>(store.tagsOf(pool.id()));
        merged.putAll(tags);
        Tags.validateCount(merged);
        store.putTags(pool.id(), tags);
        directory.refresh(pool.id());
    }

    /** Cognito API: UntagResource — keys that are not present are ignored. */
    public void untag(String region, String arn, List<String> keys) {
        UserPool pool = poolOf(region, arn);
        store.removeTags(pool.id(), keys);
        directory.refresh(pool.id());
    }

    /** Cognito API: ListTagsForResource. */
    public Map<String, String> list(String region, String arn) {
        return store.tagsOf(poolOf(region, arn).id());
    }

    private UserPool poolOf(String region, String arn) {
        Matcher m = POOL_ARN.matcher(arn);
        if (!m.matches()) {
            // [U] message; the ARN itself is not echoed
            throw Failure.invalidParameter("The resource ARN is not a valid user pool ARN.");
        }
        String poolId = m.group(3);
        if (!m.group(1).equals(region) || !m.group(2).equals(accountId)) {
            throw Failure.notFound("User pool " + poolId + " does not exist.");
        }
        return PoolLookup.require(store, region, poolId);
    }
}
