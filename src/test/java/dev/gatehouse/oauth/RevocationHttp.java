package dev.gatehouse.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.SignedHttp;
import dev.gatehouse.testing.TestServer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Token, revoke and introspect requests over a raw socket, and Gatehouse operations signed by the SDK signer. */
final class RevocationHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FORM = "Content-Type: application/x-www-form-urlencoded";

    private RevocationHttp() {
    }

    static String token(TestServer server, String id, String secret) throws Exception {
        RawHttp.Response response = tokenResponse(server, id, secret);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").textValue();
    }

    static RawHttp.Response tokenResponse(TestServer server, String id, String secret) throws Exception {
        return RawHttp.token(server.port(), "localhost:" + server.port(), "grant_type=client_credentials",
                RawHttp.basic(id, secret), FORM);
    }

    static RawHttp.Response revoke(TestServer server, String id, String secret, String token) throws Exception {
        return RawHttp.post(server.port(), "/oauth2/revoke", "localhost:" + server.port(),
                "token=" + encode(token), RawHttp.basic(id, secret), FORM);
    }

    static RawHttp.Response introspect(TestServer server, String id, String secret, String token) throws Exception {
        return RawHttp.post(server.port(), "/oauth2/introspect", "localhost:" + server.port(),
                "token=" + encode(token), RawHttp.basic(id, secret), FORM);
    }

    /** The introspection answer, which must be a 200. */
    static JsonNode introspection(TestServer server, String id, String secret, String token) throws Exception {
        RawHttp.Response response = introspect(server, id, secret, token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static boolean active(TestServer server, String id, String secret, String token) throws Exception {
        return introspection(server, id, secret, token).get("active").booleanValue();
    }

    /** A GatehouseService operation on pool/client; returns the response. */
    static HttpResponse<String> gatehouse(TestServer server, String operation, String poolId, String clientId)
            throws Exception {
        String body = "{\"UserPoolId\":\"" + poolId + "\",\"ClientId\":\"" + clientId + "\"}";
        return SignedHttp.cognito(server, "GatehouseService." + operation, "application/x-amz-json-1.1", body);
    }

    /** Waits into the next wall-clock second: iat has whole seconds, and a revocation covers its own second. */
    static void nextSecond() throws InterruptedException {
        Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 20);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
