package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.DomainService;

/** Cognito API: DescribeUserPoolDomain — {@code {"DomainDescription":{}}} for an unknown domain (SPEC §4.2). */
final class DescribeUserPoolDomain implements CognitoAction {

    private final DomainService domains;
    private final String accountId;

    DescribeUserPoolDomain(DomainService domains, String accountId) {
        this.domains = domains;
        this.accountId = accountId;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode out = Outputs.object();
        out.set("DomainDescription", domains.describe(call.region(), Inputs.required(call.input(), "Domain"))
                .map(domain -> DomainJson.description(domain, accountId))
                .orElseGet(Outputs::object));
        return out;
    }
}
