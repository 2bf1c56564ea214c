package dev.gatehouse.admin.cognito;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Opaque {@code NextToken}s (SECURITY AD-08): the position is bound to the operation and the scope
 * it was issued for (region, pool) and MAC-protected with a key derived from the master key, which
 * is never in the database. An edited, foreign or replayed-elsewhere token is refused.
 */
public final class PaginationTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final SecretKeySpec key;

    public PaginationTokens(byte[] macKey) {
        this.key = new SecretKeySpec(macKey.clone(), "HmacSHA256");
    }

    /** A token to continue {@code operation} in {@code scope} after {@code lastKey}. */
    public String issue(String operation, String scope, String lastKey) {
        byte[] position = lastKey.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(position) + "." + ENCODER.encodeToString(mac(operation, scope, position));
    }

    /** The last key a token names, if it was issued for this operation and scope; else InvalidParameterException. */
    public String open(String operation, String scope, String token) {
        int dot = token.indexOf('.');
        if (token.length() > MAX_TOKEN_LENGTH || dot < 0) {
            throw invalid();
        }
        try {
            byte[] position = DECODER.decode(token.substring(0, dot));
            byte[] presented = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(presented, mac(operation, scope, position))) {
                throw invalid();
            }
            return new String(position, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private byte[] mac(String operation, String scope, byte[] position) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((operation + "\n" + scope + "\n").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(position);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CognitoException invalid() {
        return CognitoException.invalidParameter("Invalid pagination token.");
    }
}
