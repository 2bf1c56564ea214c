package dev.gatehouse.admin.cognito;

import dev.gatehouse.manage.DomainService;
import dev.gatehouse.manage.ManageContext;
import dev.gatehouse.manage.PoolService;
import dev.gatehouse.manage.TagService;

import java.util.Map;

/** The user-pool, domain and tag operations of the Cognito management API, by operation name. */
public final class PoolActions {

    private PoolActions() {
    }

    public static Map<String, CognitoAction> create(ManageContext manage, PaginationTokens tokens) {
        String accountId = manage.config().accountId();
        PoolService pools = new PoolService(manage.store(), manage.directory());
        DomainService domains = new DomainService(manage.store(), manage.directory());
        TagService tags = new TagService(manage.store(), manage.directory(), accountId);
        return Map.ofEntries(
                Map.entry("CreateUserPool", new CreateUserPool(pools, accountId)),
                Map.entry("DescribeUserPool", new DescribeUserPool(pools, accountId)),
                Map.entry("ListUserPools", new ListUserPools(pools, tokens)),
                Map.entry("UpdateUserPool", new UpdateUserPool(pools)),
                Map.entry("DeleteUserPool", new DeleteUserPool(pools)),
                Map.entry("CreateUserPoolDomain", new CreateUserPoolDomain(domains)),
                Map.entry("DescribeUserPoolDomain", new DescribeUserPoolDomain(domains, accountId)),
                Map.entry("UpdateUserPoolDomain", new UpdateUserPoolDomain(domains)),
                Map.entry("DeleteUserPoolDomain", new DeleteUserPoolDomain(domains)),
                Map.entry("TagResource", new TagResource(tags)),
                Map.entry("UntagResource", new UntagResource(tags)),
                Map.entry("ListTagsForResource", new ListTagsForResource(tags)));
    }
}
