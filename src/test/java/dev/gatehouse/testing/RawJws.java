package dev.gatehouse.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

/**
 * Compact JWS built byte by byte for attack tests: exactly the header and payload text given (duplicate
 * members, odd types and all), signed over those bytes, which a JOSE library would never produce.
 */
public final class RawJws {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private RawJws() {
    }

    /** A JSON object from member names and raw JSON values, in the map's order. */
    public static String json(Map<String, String> members) {
        StringBuilder out = new StringBuilder("{");
        members.forEach((name, value) -> out.append(out.length() > 1 ? "," : "").append(q(name)).append(':').append(value));
        return out.append('}').toString();
    }

    /**
     * {@code members} edited in place by name/raw-value pairs: a null value removes the member, any
     * other replaces or adds it (at the end). Returns {@code members}.
     */
    public static Map<String, String> edit(Map<String, String> members, String... edits) {
        for (int i = 0; i < edits.length; i += 2) {
            if (edits[i + 1] == null) {
                members.remove(edits[i]);
            } else {
                members.put(edits[i], edits[i + 1]);
            }
        }
        return members;
    }

    /** A JSON string literal. */
    public static String q(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static String b64(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sign(String header, String payload, JWSSigner signer) {
        return sign(header, payload.getBytes(StandardCharsets.UTF_8), signer);
    }

    /** RS256 over exactly these header and payload bytes. */
    public static String sign(String header, byte[] payload, JWSSigner signer) {
        String input = b64(header) + "." + b64(payload);
        try {
            return input + "." + signer.sign(new JWSHeader(JWSAlgorithm.RS256), input.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS256 over exactly these header and payload texts, keyed with {@code key}. */
    public static String hmac(String header, String payload, byte[] key) {
        String input = b64(header) + "." + b64(payload);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
