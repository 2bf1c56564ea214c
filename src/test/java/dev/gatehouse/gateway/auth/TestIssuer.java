package dev.gatehouse.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.net.ListenerOptions;
import dev.gatehouse.testing.TcpFaultProxy;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OIDC issuer the test controls (SECURITY JW-32's "harness-controlled test issuer"): a Vert.x listener on
 * 127.0.0.1 serving {@code {issuer}/.well-known/openid-configuration} and {@code {issuer}/jwks.json}, counting
 * the requests, reached through a {@link TcpFaultProxy} so the test can take it off the network. The test
 * chooses the keys it publishes, the issuer its discovery names, a delay before the JWKS answer, and signs
 * tokens with its own RSA keys (SunRsaSign, so 1024-bit and {@code e=3} keys can be made).
 */
final class TestIssuer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final TcpFaultProxy proxy;
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private volatile String jwks = "{\"keys\":[]}";
    private volatile String discoveryIssuer;
    private volatile long jwksDelayMillis;
    private volatile long jwksMillisPerByte;

    private TestIssuer(Vertx vertx) throws Exception {
        this.server = vertx.createHttpServer(ListenerOptions.http()).requestHandler(request -> {
            switch (request.path()) {
                case "/tenant/.well-known/openid-configuration" -> {
                    discoveryRequests.incrementAndGet();
                    request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                            .put("issuer", discoveryIssuer == null ? issuer() : discoveryIssuer)
                            .put("jwks_uri", issuer() + "/jwks.json").encode());
                }
                case "/tenant/jwks.json" -> {
                    jwksRequests.incrementAndGet();
                    String body = jwks;
                    if (jwksMillisPerByte > 0) {
                        trickle(vertx, request.response().setChunked(true), body, jwksMillisPerByte);
                    } else if (jwksDelayMillis > 0) {
                        vertx.setTimer(jwksDelayMillis, id -> request.response()
                                .putHeader("Content-Type", "application/json").end(body));
                    } else {
                        request.response().putHeader("Content-Type", "application/json").end(body);
                    }
                }
                default -> request.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1").await();
        this.proxy = new TcpFaultProxy("127.0.0.1", server.actualPort());
    }

    static TestIssuer start(Vertx vertx) throws Exception {
        return new TestIssuer(vertx);
    }

    /** The issuer URL, through the proxy. */
    String issuer() {
        return "http://127.0.0.1:" + proxy.port() + "/tenant";
    }

    int discoveryRequests() {
        return discoveryRequests.get();
    }

    int jwksRequests() {
        return jwksRequests.get();
    }

    /** TCP connections the issuer's proxy accepted, refused ones included. */
    int connections() {
        return proxy.acceptedConnections();
    }

    void publish(String jwksDocument) {
        jwks = jwksDocument;
    }

    void publish(Map<String, RSAPublicKey> keys) {
        JsonArray list = new JsonArray();
        keys.forEach((kid, key) -> list.add(jwk(kid, key.getModulus(), key.getPublicExponent())));
        publish(new JsonObject().put("keys", list).encode());
    }

    /** The issuer the discovery document names; null for the true one. */
    void discoveryNames(String issuer) {
        discoveryIssuer = issuer;
    }

    void delayJwks(long millis) {
        jwksDelayMillis = millis;
    }

    /** The JWKS answered one byte every {@code millis}: never idle for long, never done soon. */
    void trickleJwks(long millis) {
        jwksMillisPerByte = millis;
    }

    private static void trickle(Vertx vertx, HttpServerResponse response, String body, long millisPerByte) {
        int[] next = {0};
        long timer = vertx.setPeriodic(millisPerByte, id -> {
            if (next[0] == body.length()) {
                vertx.cancelTimer(id);
                response.end();
            } else {
                response.write(body.substring(next[0], ++next[0]));
            }
        });
        response.closeHandler(v -> vertx.cancelTimer(timer));
    }

    /** Connections refused (the issuer is gone) or relayed again. */
    void reachable(boolean reachable) {
        proxy.mode(reachable ? TcpFaultProxy.Mode.PASS : TcpFaultProxy.Mode.REFUSE);
    }

    static JsonObject jwk(String kid, BigInteger n, BigInteger e) {
        return new JsonObject().put("kty", "RSA").put("kid", kid).put("use", "sig").put("alg", "RS256")
                .put("n", unsigned(n)).put("e", unsigned(e));
    }

    static KeyPair rsa(int bits, long exponent) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
            generator.initialize(new RSAKeyGenParameterSpec(bits, BigInteger.valueOf(exponent)));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RS256 JWT with header {@code {"alg":"RS256","kid":kid}}. */
    static String sign(PrivateKey key, String kid, Map<String, Object> claims) {
        String input = signingInput(kid, claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA", "SunRsaSign");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + base64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The forgery {@code e=1} allows with no private key at all: s^1 mod n is s, so the "signature" is the
     * PKCS#1 v1.5 encoded SHA-256 digest itself, padded to the modulus length (RFC 8017 §9.2).
     */
    static String forgeForExponentOne(BigInteger modulus, String kid, Map<String, Object> claims) {
        String input = signingInput(kid, claims);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.US_ASCII));
            byte[] prefix = HexFormat.of().parseHex("3031300d060960864801650304020105000420");
            int length = (modulus.bitLength() + 7) / 8;
            byte[] encoded = new byte[length];
            encoded[1] = 0x01;
            int padEnd = length - prefix.length - digest.length - 1;
            Arrays.fill(encoded, 2, padEnd, (byte) 0xff);
            System.arraycopy(prefix, 0, encoded, padEnd + 1, prefix.length);
            System.arraycopy(digest, 0, encoded, padEnd + 1 + prefix.length, digest.length);
            return input + "." + base64(encoded);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signingInput(String kid, Map<String, Object> claims) {
        try {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "RS256");
            header.put("kid", kid);
            return base64(JSON.writeValueAsBytes(header)) + "." + base64(JSON.writeValueAsBytes(claims));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return base64(bytes);
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        proxy.close();
        server.close().await();
    }
}
