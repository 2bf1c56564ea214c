package dev.gatehouse.token;

import dev.gatehouse.model.AppClient;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which scopes a client-credentials token carries (SPEC §1.4, DESIGN §8):
 * <ul>
 *   <li>omitted or empty → every scope in the client's AllowedOAuthScopes that the pool still
 *       defines, in the client's order;</li>
 *   <li>a requested scope outside AllowedOAuthScopes, a standard (user) scope, or a token that
 *       breaks the RFC 6749 §3.3 grammar → {@code invalid_scope} (no silent narrowing);</li>
 *   <li>an allowed scope the resource server no longer defines ("inactive") → silently dropped;</li>
 *   <li>duplicates collapse, request order is kept; matching is byte-exact (no case folding, no
 *       Unicode normalisation, SECURITY TE-28).</li>
 * </ul>
 * If nothing is left to grant the request fails with {@code invalid_scope}: a token without a
 * scope claim authorizes nothing and Cognito's claim set always has one.
 */
public final class ScopeResolver {

    /**
     * Splits a form {@code scope} value: single SP separators only (RFC 6749 §3.3). Null or empty
     * means "omitted" and returns null.
     */
    public List<String> parse(String scope) {
        if (scope == null || scope.isEmpty()) {
            return null;
        }
        List<String> tokens = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= scope.length(); i++) {
            if (i == scope.length() || scope.charAt(i) == ' ') {
                if (i == start) {
                    throw TokenError.invalidScope(); // leading, trailing or double space
                }
                tokens.add(scope.substring(start, i));
                start = i + 1;
            }
        }
        return tokens;
    }

    /**
     * The granted scopes, space-joined.
     *
     * @param requested     scope tokens, or null when the request names none
     * @param definedScopes full names of the scopes the pool's resource servers define now
     */
    public String resolve(AppClient client, Set<String> definedScopes, List<String> requested) {
        Set<String> granted = new LinkedHashSet<>();
        if (requested == null || requested.isEmpty()) {
            for (String scope : client.allowedOAuthScopes()) {
                if (definedScopes.contains(scope)) {
                    granted.add(scope);
                }
            }
        } else {
            for (String scope : requested) {
                if (!wellFormed(scope) || AppClient.STANDARD_SCOPES.contains(scope)
                        || !client.allowedOAuthScopes().contains(scope)) {
                    throw TokenError.invalidScope();
                }
                if (definedScopes.contains(scope)) {
                    granted.add(scope);
                }
            }
        }
        if (granted.isEmpty()) {
            throw TokenError.invalidScope();
        }
        return String.join(" ", granted);
    }

    /** RFC 6749 App. A.4: scope-token = 1*NQCHAR, NQCHAR = %x21 / %x23-5B / %x5D-7E. */
    static boolean wellFormed(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
