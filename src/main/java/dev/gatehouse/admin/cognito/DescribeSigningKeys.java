package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.KeyRotationService;

import java.util.Set;

/**
 * Gatehouse API: DescribeSigningKeys {UserPoolId} → {SigningKeys: [{Kid, Use, State, CreationDate,
 * ActivationDate, RevocationDate?}], SigningKeyPolicy}; never key material.
 */
final class DescribeSigningKeys implements CognitoAction {

    private final KeyRotationService rotation;

    DescribeSigningKeys(KeyRotationService rotation) {
        this.rotation = rotation;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        GatehouseInputs.onlyMembers(call.input(), Set.of("UserPoolId"));
        KeyRotationService.Description description =
                rotation.describe(call.region(), GatehouseInputs.userPoolId(call.input()));
        ObjectNode out = Outputs.object();
        out.set("SigningKeys", SigningKeyJson.descriptors(description.keys().stream()
                .map(view -> SigningKeyJson.descriptor(view.key(), view.state())).toList()));
        out.set("SigningKeyPolicy", SigningKeyJson.policy(description.policy(), description.prePublication()));
        return out;
    }
}
