package dev.gatehouse.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.gatehouse.oauth.OAuthFixtures.CID_A;
import static dev.gatehouse.oauth.OAuthFixtures.POOL_A;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_A;
import static org.assertj.core.api.Assertions.assertThat;

/** The seed article's curl command, byte for byte, against the pool's domain on *.localhost. */
class TokenEndpointCurlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void curlClientCredentialsWhenDomainHostThenCognitoShapedToken(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            OAuthFixtures.create(server);
            String body = "grant_type=client_credentials&scope=api%2Fread";
            String basic = Base64.getEncoder().encodeToString((CID_A + ":" + SEC_A).getBytes(StandardCharsets.UTF_8));
            // What curl 7.88.1 writes for:
            // curl -X POST -H 'Authorization: Basic …' -H 'Content-Type: application/x-www-form-urlencoded' \
            //   -d 'grant_type=client_credentials&scope=api%2Fread' http://pool-a.auth.us-east-1.localhost:PORT/oauth2/token
            String request = "POST /oauth2/token HTTP/1.1\r\n"
                    + "Host: pool-a.auth.us-east-1.localhost:" + server.port() + "\r\n"
                    + "User-Agent: curl/7.88.1\r\n"
                    + "Accept: */*\r\n"
                    + "Authorization: Basic " + basic + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length() + "\r\n"
                    + "\r\n"
                    + body;

            RawHttp.Response response = RawHttp.send(server.port(), request);

            assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
            assertThat(response.header("Cache-Control")).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
            assertThat(response.header("Pragma")).isEqualTo("no-cache");
            assertThat(response.header("Expires")).isEqualTo("0");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Strict-Transport-Security")).isEqualTo("max-age=31536000 ; includeSubDomains");
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(response.header("x-amz-cognito-request-id"))
                    .matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
            assertThat(response.header("Date")).endsWith(" GMT");
            assertThat(response.header("WWW-Authenticate")).isNull();
            assertThat(response.header("Set-Cookie")).isNull();

            JsonNode json = JSON.readTree(response.body());
            List<String> members = new ArrayList<>();
            json.fieldNames().forEachRemaining(members::add);
            assertThat(members).containsExactly("access_token", "expires_in", "token_type");
            assertThat(json.get("expires_in").isInt()).isTrue();
            assertThat(json.get("expires_in").intValue()).isEqualTo(3600);
            assertThat(json.get("token_type").textValue()).isEqualTo("Bearer");
            SignedJWT jwt = SignedJWT.parse(json.get("access_token").textValue());
            assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("api/read");
            assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(server.issuer(POOL_A));
            assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(CID_A);
        }
    }
}
