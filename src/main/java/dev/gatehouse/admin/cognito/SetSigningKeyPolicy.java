package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.KeyRotationService;
import dev.gatehouse.model.SigningAlgorithm;
import dev.gatehouse.model.SigningKeyPolicy;

import java.util.Arrays;
import java.util.Set;

/**
 * Gatehouse API: SetSigningKeyPolicy {UserPoolId, RotationPeriodDays?, PrePublicationSeconds?,
 * SigningAlgorithm?} → {SigningKeyPolicy}. Replaces the policy as a whole: RotationPeriodDays absent
 * or 0 turns automatic rotation off; PrePublicationSeconds absent returns to the server's default;
 * SigningAlgorithm ({@code RS256} or {@code ES256}) absent returns to RS256. A new algorithm applies
 * from the next rotation.
 */
final class SetSigningKeyPolicy implements CognitoAction {

    private final KeyRotationService rotation;

    SetSigningKeyPolicy(KeyRotationService rotation) {
        this.rotation = rotation;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        GatehouseInputs.onlyMembers(call.input(),
                Set.of("UserPoolId", "RotationPeriodDays", "PrePublicationSeconds", "SigningAlgorithm"));
        String poolId = GatehouseInputs.userPoolId(call.input());
        SigningKeyPolicy policy = SigningKeyPolicy.of(
                GatehouseInputs.optionalInteger(call.input(), "RotationPeriodDays", 0, SigningKeyPolicy.MAX_ROTATION_PERIOD_DAYS),
                GatehouseInputs.optionalInteger(call.input(), "PrePublicationSeconds", 0,
                        SigningKeyPolicy.MAX_PRE_PUBLICATION_SECONDS),
                algorithm(call));
        SigningKeyPolicy set = rotation.setPolicy(call.region(), poolId, policy);
        ObjectNode out = Outputs.object();
        out.set("SigningKeyPolicy", SigningKeyJson.policy(set, rotation.prePublication(set)));
        return out;
    }

    private static SigningAlgorithm algorithm(CognitoCall call) {
        String name = GatehouseInputs.optionalChoice(call.input(), "SigningAlgorithm",
                Arrays.stream(SigningAlgorithm.values()).map(Enum::name).toList());
        return name == null ? null : SigningAlgorithm.valueOf(name);
    }
}
