package dev.gatehouse.gateway.auth;

import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.token.Base64Url;
import dev.gatehouse.token.JoseJson;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a JWT of a remote issuer as strictly as {@link AccessTokenVerifier} verifies Gatehouse's own:
 * strict base64url and JSON (no duplicates, bounded depth), header members {@code alg}, {@code kid},
 * {@code typ} only (no {@code jku}/{@code x5u}/{@code jwk}: JW-04, JW-05), RSA algorithms only
 * (SPEC §6.4), {@code iss} exactly the configured issuer before any key lookup, modulus-length
 * signatures, {@code exp} required, {@code iat}/{@code nbf} not in the future, numeric dates as JSON integers.
 */
final class RemoteJwtVerifier {

    /** Claims of a verified token, or the stable reason it was refused. */
    record Result(Map<String, Object> claims, String refusal) {
        static Result refuse(String reason) {
            return new Result(Map.of(), reason);
        }
    }

    private static final Map<String, String> ALGORITHMS = Map.of(
            "RS256", "SHA256withRSA", "RS384", "SHA384withRSA", "RS512", "SHA512withRSA");
    private static final Set<String> HEADER_MEMBERS = Set.of("alg", "kid", "typ");

    private final RemoteJwks jwks;
    private final Clock clock;

    RemoteJwtVerifier(RemoteJwks jwks, Clock clock) {
        this.jwks = jwks;
        this.clock = clock;
    }

    Future<Result> verify(String issuer, String token) {
        if (token.length() > AccessTokenVerifier.MAX_TOKEN_LENGTH) {
            return Future.succeededFuture(Result.refuse("malformed"));
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            return Future.succeededFuture(Result.refuse("malformed"));
        }
        byte[] headerBytes = Base64Url.decode(token, 0, firstDot);
        byte[] payloadBytes = headerBytes == null ? null : Base64Url.decode(token, firstDot + 1, secondDot);
        byte[] signature = payloadBytes == null ? null : Base64Url.decode(token, secondDot + 1, token.length());
        Map<String, Object> header = signature == null ? null : JoseJson.parseObject(headerBytes);
        Map<String, Object> claims = header == null ? null : JoseJson.parseObject(payloadBytes);
        if (claims == null || !(header.get("kid") instanceof String kid)) {
            return Future.succeededFuture(Result.refuse("malformed"));
        }
        String algorithm = header.get("alg") instanceof String alg ? ALGORITHMS.get(alg) : null;
        Object typ = header.get("typ");
        if (algorithm == null || !HEADER_MEMBERS.containsAll(header.keySet())
                || (typ != null && !"JWT".equals(typ) && !"at+jwt".equals(typ))) {
            return Future.succeededFuture(Result.refuse("unsupported_alg"));
        }
        if (!issuer.equals(claims.get("iss"))) {
            return Future.succeededFuture(Result.refuse("unknown_issuer")); // JW-12: before any fetch
        }
        return jwks.key(issuer, kid).map(key -> {
            if (key == null) {
                return Result.refuse("unknown_kid");
            }
            if (!signatureValid(key, algorithm, token, secondDot, signature)) {
                return Result.refuse("bad_signature");
            }
            return checkTimes(claims);
        }).otherwise(e -> Result.refuse("jwks_unavailable"));
    }

    private Result checkTimes(Map<String, Object> claims) {
        Object exp = claims.get("exp");
        Object iat = claims.get("iat");
        Object nbf = claims.get("nbf");
        if (!(exp instanceof Long expires) || (claims.containsKey("iat") && !(iat instanceof Long))
                || (claims.containsKey("nbf") && !(nbf instanceof Long))) {
            return Result.refuse("invalid_claims");
        }
        long now = clock.instant().getEpochSecond();
        if (now >= expires) {
            return Result.refuse("expired");
        }
        if (iat instanceof Long issuedAt && issuedAt > now) {
            return Result.refuse("issued_in_future");
        }
        if (nbf instanceof Long notBefore && notBefore > now) {
            return Result.refuse("not_yet_valid");
        }
        return new Result(claims, null);
    }

    private static boolean signatureValid(RSAPublicKey key, String algorithm, String token, int signingInputEnd,
                                          byte[] signature) {
        if (signature.length != (key.getModulus().bitLength() + 7) / 8) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(token.substring(0, signingInputEnd).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
