package dev.gatehouse.token;

import dev.gatehouse.json.JsonStrings;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.store.Directory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Signs Cognito-shaped M2M access tokens (SPEC §2.1–2.2): header exactly
 * {@code {"kid":…,"alg":"RS256"}} (no {@code typ}; {@code "ES256"} for a key of that algorithm);
 * payload exactly the 10 claims in Cognito's order
 * {@code sub, token_use, scope, auth_time, iss, exp, iat, version, jti, client_id}. The JSON
 * is written directly — no object tree per request. {@code iss} comes from the configured issuer
 * base, never from the request (SECURITY TE-30).
 */
public final class AccessTokenFactory {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys signingKeys;
    private final Supplier<String> issuerBaseUrl;

    /** @param issuerBaseUrl read per token: the default base is known only once the listener is bound */
    public AccessTokenFactory(SigningKeys signingKeys, Supplier<String> issuerBaseUrl) {
        this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
        this.issuerBaseUrl = Objects.requireNonNull(issuerBaseUrl, "issuerBaseUrl");
    }

    /**
     * A compact JWS signed with the pool's access-token key active at {@code issuedAt} (epoch
     * seconds from the issuer's clock), so a pending key starts signing at its activation.
     */
    public String create(Directory.PoolEntry pool, AppClient client, String scope, long issuedAt) {
        SigningKey key = pool.activeKey(KeyPurpose.ACCESS, Instant.ofEpochSecond(issuedAt))
                .orElseThrow(() -> TokenError.of(TokenError.Code.TEMPORARILY_UNAVAILABLE));
        String header = "{\"kid\":\"" + escape(key.kid()) + "\",\"alg\":\"" + key.algorithm().name() + "\"}";
        long expires = issuedAt + client.validity().accessSeconds();
        String clientId = escape(client.clientId());
        String payload = new StringBuilder(384)
                .append("{\"sub\":\"").append(clientId)
                .append("\",\"token_use\":\"access\",\"scope\":\"").append(escape(scope))
                .append("\",\"auth_time\":").append(issuedAt)
                .append(",\"iss\":\"").append(escape(issuerBaseUrl.get() + "/" + pool.pool().id()))
                .append("\",\"exp\":").append(expires)
                .append(",\"iat\":").append(issuedAt)
                .append(",\"version\":2,\"jti\":\"").append(UUID.randomUUID())
                .append("\",\"client_id\":\"").append(clientId)
                .append("\"}")
                .toString();
        String signingInput = encode(header) + "." + encode(payload);
        try {
            // The signers read only the algorithm from this header; the bytes signed are ours.
            String signature = signingKeys.signer(key)
                    .sign(new JWSHeader(JWSAlgorithm.parse(key.algorithm().name())),
                            signingInput.getBytes(StandardCharsets.US_ASCII))
                    .toString();
            return signingInput + "." + signature;
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with key " + key.kid() + " failed", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** JSON string escaping for the few values that are not fixed. */
    static String escape(String value) {
        return JsonStrings.escape(value);
    }
}
