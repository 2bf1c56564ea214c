package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.KeyRotationService;
import dev.gatehouse.model.KeyState;

import java.util.Set;

/**
 * Gatehouse API: RotateSigningKeys {UserPoolId, Emergency?} → the new keys' descriptors, and the
 * kids an emergency rotation revoked (docs/key-rotation.md).
 */
final class RotateSigningKeys implements CognitoAction {

    private final KeyRotationService rotation;

    RotateSigningKeys(KeyRotationService rotation) {
        this.rotation = rotation;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        GatehouseInputs.onlyMembers(call.input(), Set.of("UserPoolId", "Emergency"));
        String poolId = GatehouseInputs.userPoolId(call.input());
        boolean emergency = GatehouseInputs.optionalBoolean(call.input(), "Emergency");
        KeyRotationService.Rotation done = rotation.rotate(call.region(), poolId, emergency, call.accessKeyId());
        ObjectNode out = Outputs.object();
        out.set("SigningKeys", SigningKeyJson.descriptors(done.added().stream()
                .map(key -> SigningKeyJson.descriptor(key, emergency ? KeyState.ACTIVE : KeyState.PENDING))
                .toList()));
        if (emergency) {
            out.set("RevokedKids", Outputs.strings(done.revokedKids()));
        }
        return out;
    }
}
