package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.DomainService;
import dev.gatehouse.model.Domain;

/** Cognito API: UpdateUserPoolDomain — the certificate of a custom domain and the managed login version. */
final class UpdateUserPoolDomain implements CognitoAction {

    private final DomainService domains;

    UpdateUserPoolDomain(DomainService domains) {
        this.domains = domains;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode input = call.input();
        ObjectNode custom = Inputs.object(input, "CustomDomainConfig");
        Domain domain = domains.update(call.region(), Inputs.required(input, "UserPoolId"),
                Inputs.required(input, "Domain"),
                custom == null ? null : Inputs.required(custom, "CertificateArn"),
                custom == null ? null : Inputs.string(custom, "SecurityPolicy"),
                Inputs.integer(input, "ManagedLoginVersion"));
        return CreateUserPoolDomain.output(domain);
    }
}
