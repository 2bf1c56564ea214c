package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.Scope;

import java.util.ArrayList;
import java.util.List;

/** Reads {@code Scopes} ({@code ResourceServerScopeType}) and renders {@code ResourceServerType}. */
final class ResourceServerJson {

    private ResourceServerJson() {
    }

    /** The Scopes member; omitted means none (UpdateResourceServer is a full replacement, SPEC §3.6). */
    static List<Scope> scopes(ObjectNode input) {
        JsonNode node = input.get("Scopes");
        List<Scope> scopes = new ArrayList<>();
        if (node == null || node.isNull()) {
            return scopes;
        }
        for (JsonNode item : node) {
            if (!(item instanceof ObjectNode scope)) {
                throw CognitoException.invalidParameter("1 validation error detected: Value at 'scopes' failed to "
                        + "satisfy constraint: Member must be a list of ResourceServerScopeType");
            }
            scopes.add(new Scope(Inputs.required(scope, "ScopeName"), Inputs.required(scope, "ScopeDescription")));
        }
        return scopes;
    }

    static ObjectNode render(ResourceServer server) {
        ObjectNode out = Outputs.object();
        out.put("UserPoolId", server.poolId());
        out.put("Identifier", server.identifier());
        out.put("Name", server.name());
        ArrayNode scopes = out.putArray("Scopes");
        for (Scope scope : server.scopes()) {
            ObjectNode item = scopes.addObject();
            item.put("ScopeName", scope.name());
            item.put("ScopeDescription", scope.description());
        }
        return out;
    }

    static ObjectNode wrap(ResourceServer server) {
        ObjectNode out = Outputs.object();
        out.set("ResourceServer", render(server));
        return out;
    }
}
