package dev.gatehouse.admin.awsjson;

import java.util.HashSet;
import java.util.List;

/**
 * The order in which Coral lists enum values in "Member must satisfy enum value set: [...]".
 *
 * <p>Observed (SPEC §3.5): OAuthFlowType is {@code [code, implicit, client_credentials]} in the model,
 * and Cognito printed {@code [implicit, client_credentials, code]} — exactly the iteration order of a
 * {@code java.util.HashSet} built from the model values, so Coral evidently keeps the values in one.
 * HashSet iteration order is deterministic for equal contents and insertion order (String hash codes
 * are specified), so it is reproduced here once per shape, at model load.
 */
final class EnumMessageOrder {

    private EnumMessageOrder() {
    }

    static List<String> of(List<String> modelOrder) {
        return List.copyOf(new HashSet<>(modelOrder));
    }
}
