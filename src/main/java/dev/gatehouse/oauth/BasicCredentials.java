package dev.gatehouse.oauth;

import dev.gatehouse.token.ClientAuthenticator.Credentials;
import dev.gatehouse.token.TokenError;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Client credentials from {@code Authorization: Basic …} (RFC 7617, RFC 6749 §2.3.1). The scheme
 * is case-insensitive and may be followed by several spaces (RFC 9110 §11.1, SECURITY TE-08);
 * the token must be strict, padded base64 of UTF-8 {@code id:secret}. Cognito documents the raw
 * pair while RFC 6749 form-encodes both halves first, so {@link #raw} is tried first and
 * {@link #decoded} — their single form-url-decoding, nothing further — only if the raw pair fails
 * (SPEC §1.3, SECURITY TE-07). Anything malformed is {@code invalid_client}: the client tried to
 * authenticate with the header and did not.
 *
 * @param decoded null when decoding changes nothing or is malformed
 */
record BasicCredentials(Credentials raw, Credentials decoded) {

    static BasicCredentials parse(String header) {
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Basic")) {
            throw TokenError.invalidClient();
        }
        int start = space;
        while (start < header.length() && header.charAt(start) == ' ') {
            start++;
        }
        String token = header.substring(start);
        if (!strictBase64(token)) {
            throw TokenError.invalidClient();
        }
        String pair;
        try {
            pair = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(token)))
                    .toString();
        } catch (CharacterCodingException | IllegalArgumentException e) {
            throw TokenError.invalidClient();
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            throw TokenError.invalidClient();
        }
        Credentials raw = new Credentials(pair.substring(0, colon), pair.substring(colon + 1));
        String id = FormParser.decodeOrNull(raw.clientId());
        String secret = FormParser.decodeOrNull(raw.secret());
        Credentials decoded = id == null || secret == null || (id.equals(raw.clientId()) && secret.equals(raw.secret()))
                ? null
                : new Credentials(id, secret);
        return new BasicCredentials(raw, decoded);
    }

    /**
     * Padded base64 of the standard alphabet: whole 4-character groups, {@code =} only as one or
     * two characters of padding at the end. Checked by hand, not by a regular expression: this
     * runs for every token request.
     */
    static boolean strictBase64(String token) {
        int length = token.length();
        if (length == 0 || length % 4 != 0) {
            return false;
        }
        int padding = token.charAt(length - 1) != '=' ? 0 : token.charAt(length - 2) == '=' ? 2 : 1;
        for (int i = 0; i < length - padding; i++) {
            char c = token.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    /** Whether a client id sent in the body names the same client as this header. */
    boolean names(String clientId) {
        return raw.clientId().equals(clientId) || (decoded != null && decoded.clientId().equals(clientId));
    }
}
