package dev.gatehouse.oauth;

import dev.gatehouse.token.ClientAuthenticator.Credentials;
import dev.gatehouse.token.TokenError;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

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

    private static final Pattern BASE64 = Pattern.compile("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$");

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
        if (token.isEmpty() || !BASE64.matcher(token).matches()) {
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

    /** Whether a client id sent in the body names the same client as this header. */
    boolean names(String clientId) {
        return raw.clientId().equals(clientId) || (decoded != null && decoded.clientId().equals(clientId));
    }
}
