package dev.gatehouse.admin.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The real CognitoIdentityProviderClient over real HTTP on an ephemeral port; the verifier checks what arrived. */
class SigV4VerifierOverTheWireTest {

    private final List<SignedRequest> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startRecordingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
            URI uri = exchange.getRequestURI();
            received.add(new SignedRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers,
                    exchange.getRequestBody().readAllBytes()));
            byte[] body = "{\"UserPools\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void verifyWhenCognitoSdkClientCallsOverHttpThenAccepted() {
        try (CognitoIdentityProviderClient client = CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(SdkSignedRequests.ACCESS_KEY_ID, SdkSignedRequests.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            client.listUserPools(r -> r.maxResults(10));
        }
        SigV4Verifier verifier = new SigV4Verifier(SdkSignedRequests.knownKeys(), Clock.systemUTC(), "cognito-idp",
                AwsRegionNames::isWellFormed);

        assertThat(received).hasSize(1);
        assertThat(verifier.verify(received.get(0)))
                .isEqualTo(new VerifiedCaller(SdkSignedRequests.ACCESS_KEY_ID, "eu-west-1", "cognito-idp"));
    }
}
