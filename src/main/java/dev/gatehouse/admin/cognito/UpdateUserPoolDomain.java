package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.DomainService;

/** Cognito API: UpdateUserPoolDomain — the certificate of a custom domain and the managed login version. */
final class UpdateUserPoolDomain implements CognitoAction {

    private final DomainService domains;

    UpdateUserPoolDomain(DomainService domains) {
        this.domains = domains;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        CreateUserPoolDomain.DomainInput in = CreateUserPoolDomain.DomainInput.read(call.input());
        return CreateUserPoolDomain.output(domains.update(call.region(), in.poolId(), in.domain(), in.certificateArn(),
                in.securityPolicy(), in.managedLoginVersion()));
    }
}
