package dev.gatehouse.oauth;

import dev.gatehouse.token.ClientAuthenticator.Credentials;
import dev.gatehouse.token.TokenError;

import java.util.Map;

/**
 * The client credentials a request to an OAuth endpoint presents (RFC 6749 §2.3): the Basic
 * header (with its single form-url-decoding as the alternative, SECURITY TE-07) or
 * {@code client_id} + {@code client_secret} in the body — never both (TE-09).
 */
record PresentedCredentials(Credentials credentials, Credentials alternative) {

    static PresentedCredentials of(String authorizationHeader, Map<String, String> form) {
        String bodyId = form.get("client_id");
        String bodySecret = form.get("client_secret");
        if (authorizationHeader != null) {
            if (bodySecret != null) {
                // RFC 6749 §2.3: one authentication method per request (DESIGN §8).
                throw TokenError.invalidRequest("Use either the Authorization header or client_secret, not both.");
            }
            BasicCredentials basic = BasicCredentials.parse(authorizationHeader);
            // A client_id beside Basic credentials is tolerated only when it names the same client:
            // some OAuth libraries always send it (RFC 6749 §3.2.1).
            if (bodyId != null && !basic.names(bodyId)) {
                throw TokenError.invalidRequest("client_id does not match the Authorization header.");
            }
            return new PresentedCredentials(basic.raw(), basic.decoded());
        }
        if (bodyId != null && bodySecret != null) {
            return new PresentedCredentials(new Credentials(bodyId, bodySecret), null);
        }
        if (bodySecret != null) {
            throw TokenError.invalidRequest("client_secret requires client_id.");
        }
        throw TokenError.invalidClient(); // no client authentication (RFC 6749 §5.2)
    }
}
