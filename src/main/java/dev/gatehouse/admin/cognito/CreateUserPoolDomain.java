package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.DomainService;
import dev.gatehouse.model.Domain;

/** Cognito API: CreateUserPoolDomain — a prefix, or a custom FQDN when CustomDomainConfig is given (SPEC §3.2). */
final class CreateUserPoolDomain implements CognitoAction {

    private final DomainService domains;

    CreateUserPoolDomain(DomainService domains) {
        this.domains = domains;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        DomainInput in = DomainInput.read(call.input());
        return output(domains.create(call.region(), in.poolId(), in.domain(), in.certificateArn(), in.securityPolicy(),
                in.managedLoginVersion()));
    }

    /** The members Create- and UpdateUserPoolDomain share. */
    record DomainInput(String poolId, String domain, String certificateArn, String securityPolicy,
                       Integer managedLoginVersion) {

        static DomainInput read(ObjectNode input) {
            ObjectNode custom = Inputs.object(input, "CustomDomainConfig");
            return new DomainInput(Inputs.required(input, "UserPoolId"), Inputs.required(input, "Domain"),
                    custom == null ? null : Inputs.required(custom, "CertificateArn"),
                    custom == null ? null : Inputs.string(custom, "SecurityPolicy"),
                    Inputs.integer(input, "ManagedLoginVersion"));
        }
    }

    /** Shared with UpdateUserPoolDomain: CloudFrontDomain only for custom domains (SPEC §3.2). */
    static ObjectNode output(Domain domain) {
        ObjectNode out = Outputs.object();
        Outputs.putIfNotNull(out, "ManagedLoginVersion", domain.managedLoginVersion());
        if (domain.custom()) {
            out.put("CloudFrontDomain", DomainJson.cloudFront(domain));
        }
        return out;
    }
}
