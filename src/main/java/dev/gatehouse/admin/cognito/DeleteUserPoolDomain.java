package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.DomainService;

/** Cognito API: DeleteUserPoolDomain — the domain must belong to the named pool. */
final class DeleteUserPoolDomain implements CognitoAction {

    private final DomainService domains;

    DeleteUserPoolDomain(DomainService domains) {
        this.domains = domains;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        domains.delete(call.region(), Inputs.required(call.input(), "UserPoolId"),
                Inputs.required(call.input(), "Domain"));
        return Outputs.object();
    }
}
