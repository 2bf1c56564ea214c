package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.PoolService;

/** Reads the members Create/UpdateUserPool share into the service's {@link PoolService.Settings}. */
final class PoolInputs {

    private PoolInputs() {
    }

    static PoolService.Settings settings(ObjectNode input, ObjectNode signIn) {
        return new PoolService.Settings(Inputs.string(input, "DeletionProtection"),
                Inputs.string(input, "UserPoolTier"), UserPoolJson.text(signIn));
    }
}
