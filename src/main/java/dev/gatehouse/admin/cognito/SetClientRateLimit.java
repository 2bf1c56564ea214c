package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ClientRateLimitService;
import dev.gatehouse.model.ClientRateLimit;

import java.util.Objects;

/**
 * Gatehouse operation: {@code GatehouseService.SetClientRateLimit {UserPoolId, ClientId,
 * RatePerSecond, Burst}} — an app client's own token-issuance limit (0 = the node's default).
 * Output: the limit now in force, {@code {"RatePerSecond": n, "Burst": n}}.
 */
final class SetClientRateLimit implements CognitoAction {

    private final ClientRateLimitService service;

    SetClientRateLimit(ClientRateLimitService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        String poolId = Inputs.required(call.input(), "UserPoolId");
        String clientId = Inputs.required(call.input(), "ClientId");
        Integer rate = integer(call.input(), "RatePerSecond");
        if (rate == null) {
            throw CognitoException.invalidParameter("RatePerSecond is required (0 for the default).");
        }
        ClientRateLimit limit = service.set(call.region(), poolId, clientId, rate, integer(call.input(), "Burst"));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("RatePerSecond", limit.ratePerSecond());
        output.put("Burst", limit.burst());
        return output;
    }

    /** No AWS model checks Gatehouse inputs: a member must be a JSON integer in int range. */
    private static Integer integer(ObjectNode input, String member) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw CognitoException.invalidParameter(member + " must be an integer.");
        }
        return node.intValue();
    }
}
