package dev.gatehouse.admin.cognito;

import dev.gatehouse.manage.KeyRotationService;

import java.util.Map;

/** Gatehouse's signing-key operations (target prefix GatehouseService.), by operation name. */
public final class KeyActions {

    private KeyActions() {
    }

    public static Map<String, CognitoAction> create(KeyRotationService rotation) {
        return Map.of(
                "RotateSigningKeys", new RotateSigningKeys(rotation),
                "DescribeSigningKeys", new DescribeSigningKeys(rotation),
                "SetSigningKeyPolicy", new SetSigningKeyPolicy(rotation));
    }
}
