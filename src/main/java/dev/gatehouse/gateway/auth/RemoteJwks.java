package dev.gatehouse.gateway.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing keys of remote OIDC issuers (SPEC §6.4): discovery ({@code {issuer}/.well-known/openid-configuration},
 * whose {@code issuer} must equal the configured one) → {@code jwks_uri} → RSA keys, fetched with the
 * non-blocking Vert.x client. Per issuer:
 * <ul>
 *   <li>keys are cached for {@code ttl}; a stale key is still used while a refresh runs in the background,
 *       and kept for as long as the issuer is unreachable (then refreshes are tried at most once per
 *       {@code penalty});</li>
 *   <li>one fetch at a time (single flight): concurrent callers share it;</li>
 *   <li>an unknown {@code kid} triggers a fetch at most once per {@code penalty} (≥ 10 s), so a flood of
 *       random kids cannot turn the gateway into a load generator against the issuer;</li>
 *   <li>a fetch (discovery and JWKS together) must finish within its deadline, however slowly the issuer
 *       trickles bytes (each read is also bounded by a 10 s idle timeout); bodies above {@value #MAX_BODY}
 *       bytes are refused; only RSA keys with a modulus of at least 2048 bits
 *       and an odd exponent ≥ 65537 are loaded, the others are logged and skipped (SECURITY JW-32).</li>
 * </ul>
 * The URLs come from configuration and the issuer's discovery document, never from a token (JW-04).
 */
public final class RemoteJwks {

    static final int MAX_BODY = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
    /**
     * Made by the first fetch (the JVM initialises a holder class at its first use): made at start-up
     * it loaded all of jackson-databind (issue 5).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final Clock clock;
    private final long deadlineMillis;
    private final long ttlMillis;
    private final long penaltyMillis;
    private final Map<String, IssuerKeys> issuers = new ConcurrentHashMap<>();

    private static final class IssuerKeys {
        volatile Map<String, RSAPublicKey> keys = Map.of();
        volatile long fetchedAt = Long.MIN_VALUE;
        volatile long lastAttempt = Long.MIN_VALUE;
        Future<Void> inflight;
    }

    public RemoteJwks(Vertx vertx, HttpClient client, Clock clock, Duration ttl, Duration penalty, Duration deadline) {
        if (penalty.toMillis() < 10_000) {
            throw new IllegalArgumentException("the unknown-kid penalty must be at least 10 s");
        }
        this.vertx = vertx;
        this.client = client;
        this.clock = clock;
        this.deadlineMillis = deadline.toMillis();
        this.ttlMillis = ttl.toMillis();
        this.penaltyMillis = penalty.toMillis();
    }

    /** The key {@code kid} of {@code issuer}, or a null result when the issuer does not publish it (now). */
    public Future<RSAPublicKey> key(String issuer, String kid) {
        IssuerKeys state = issuers.computeIfAbsent(issuer, i -> new IssuerKeys());
        long now = clock.millis();
        RSAPublicKey known = state.keys.get(kid);
        if (known != null) {
            // Stale: refresh in the background and answer from what is known. While the issuer is
            // unreachable the attempts are spaced by the penalty, not made on every request.
            if (elapsed(state.fetchedAt, now) >= ttlMillis && elapsed(state.lastAttempt, now) >= penaltyMillis) {
                refresh(issuer, state);
            }
            return Future.succeededFuture(known);
        }
        Future<Void> fetch;
        synchronized (state) {
            known = state.keys.get(kid); // a fetch may have completed since the first look
            if (known != null) {
                return Future.succeededFuture(known);
            }
            if (state.inflight == null && elapsed(state.lastAttempt, now) < penaltyMillis) {
                return Future.succeededFuture(null); // penalty box: no fetch for an unknown kid yet
            }
            // A fetch already running is shared, so concurrent first calls all wait for the same keys.
            fetch = refresh(issuer, state);
        }
        return fetch.transform(done -> Future.succeededFuture(state.keys.get(kid)));
    }

    /** Milliseconds since {@code since}; unbounded when it never happened. */
    private static long elapsed(long since, long now) {
        return since == Long.MIN_VALUE ? Long.MAX_VALUE : now - since;
    }

    private Future<Void> refresh(String issuer, IssuerKeys state) {
        synchronized (state) {
            if (state.inflight != null) {
                return state.inflight;
            }
            state.lastAttempt = clock.millis();
            Future<Void> fetch = fetchKeys(issuer).map(keys -> {
                state.keys = keys;
                state.fetchedAt = clock.millis();
                return (Void) null;
            }).onFailure(e -> LOG.warn("Could not refresh the JWKS of issuer {}: {}; keeping {} known keys",
                    issuer, e.getMessage(), state.keys.size()));
            state.inflight = fetch;
            fetch.onComplete(done -> {
                synchronized (state) {
                    state.inflight = null;
                }
            });
            return fetch;
        }
    }

    private Future<Map<String, RSAPublicKey>> fetchKeys(String issuer) {
        String discovery = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration";
        // One deadline for both requests: an issuer answering a byte at a time never trips the idle
        // timeout, and callers of a first fetch wait for it.
        Promise<Void> expired = Promise.promise();
        long timer = vertx.setTimer(deadlineMillis, id -> expired.tryComplete());
        return get(discovery, expired.future()).compose(body -> {
            JsonNode document;
            try {
                document = Json.MAPPER.readTree(body.getBytes());
            } catch (java.io.IOException e) {
                return Future.failedFuture("discovery document is not JSON");
            }
            if (!issuer.equals(document.path("issuer").asText(null))) {
                return Future.failedFuture("discovery document names another issuer");
            }
            String jwksUri = document.path("jwks_uri").asText(null);
            if (jwksUri == null || !(jwksUri.startsWith("https://") || jwksUri.startsWith("http://"))) {
                return Future.failedFuture("discovery document has no http(s) jwks_uri");
            }
            return get(jwksUri, expired.future());
        }).onComplete(done -> vertx.cancelTimer(timer)).map(body -> {
            try {
                return parseKeys(issuer, Json.MAPPER.readTree(body.getBytes()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("JWKS is not JSON");
            }
        });
    }

    private Future<Buffer> get(String url, Future<Void> expired) {
        Promise<Buffer> result = Promise.promise();
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                        .putHeader("Accept", "application/json").setIdleTimeout(10_000))
                .onSuccess(request -> expired.onSuccess(v -> {
                    result.tryFail("no complete answer from " + url + " within " + deadlineMillis + " ms");
                    request.reset();
                }))
                .compose(request -> request.send())
                .onFailure(result::tryFail)
                .onSuccess(response -> {
                    if (response.statusCode() != 200) {
                        response.request().reset();
                        result.tryFail("HTTP " + response.statusCode() + " from " + url);
                        return;
                    }
                    Buffer body = Buffer.buffer();
                    response.handler(chunk -> {
                        if (body.length() + chunk.length() > MAX_BODY) {
                            // Failed before the reset, whose own "stream reset" error would otherwise win.
                            result.tryFail("body of " + url + " exceeds " + MAX_BODY + " bytes");
                            response.request().reset();
                        } else {
                            body.appendBuffer(chunk);
                        }
                    });
                    response.exceptionHandler(result::tryFail);
                    response.endHandler(v -> result.tryComplete(body));
                });
        return result.future();
    }

    static Map<String, RSAPublicKey> parseKeys(String issuer, JsonNode jwks) {
        Map<String, RSAPublicKey> keys = new HashMap<>();
        for (JsonNode jwk : jwks.path("keys")) {
            String kid = jwk.path("kid").asText(null);
            if (kid == null || !"RSA".equals(jwk.path("kty").asText(null))
                    || (jwk.has("use") && !"sig".equals(jwk.path("use").asText()))) {
                continue;
            }
            try {
                BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText("")));
                BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText("")));
                if (n.bitLength() < 2048 || e.compareTo(BigInteger.valueOf(65537)) < 0 || !e.testBit(0)) {
                    LOG.warn("Refused key {} of issuer {}: RSA modulus {} bits, exponent {} (JW-32)",
                            kid, issuer, n.bitLength(), e);
                    continue;
                }
                keys.put(kid, (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(n, e)));
            } catch (IllegalArgumentException | java.security.GeneralSecurityException ex) {
                LOG.warn("Refused key {} of issuer {}: {}", kid, issuer, ex.getMessage());
            }
        }
        return Map.copyOf(keys);
    }
}
