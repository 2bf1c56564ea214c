package dev.gatehouse.gateway.auth;

import java.util.List;
import java.util.Map;

/**
 * Scope checks of both authorizer kinds (SECURITY SC-01..SC-08): the token's {@code scope} claim
 * must be a JSON string, split on single U+0020 spaces (empty items ignored, TAB/LF are not
 * separators), compared byte for byte with the method's scopes, any-of, no wildcards, no prefix
 * or substring matching. {@code scp} (as a string) is read only when {@code scope} is absent,
 * as API Gateway's JWT authorizer does; arrays are never read (SC-05).
 */
final class Scopes {

    private Scopes() {
    }

    static boolean anyOf(List<String> required, Map<String, Object> claims, boolean allowScp) {
        Object value = claims.get("scope");
        if (value == null && allowScp && !claims.containsKey("scope")) {
            value = claims.get("scp");
        }
        if (!(value instanceof String scope)) {
            return false;
        }
        for (String item : scope.split(" ", -1)) {
            if (!item.isEmpty() && required.contains(item)) {
                return true;
            }
        }
        return false;
    }
}
