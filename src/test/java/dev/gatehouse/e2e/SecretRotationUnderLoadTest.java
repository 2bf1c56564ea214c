package dev.gatehouse.e2e;

import dev.gatehouse.config.AbuseProtection;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3 "done when", for client secrets: a client rotates its secret the way Cognito's
 * two-secret API intends (add, switch, delete the old one) while it requests tokens continuously,
 * and not one request fails. Afterwards the old secret is refused at once.
 */
class SecretRotationUnderLoadTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rotateSecretWhenTokensFlowContinuouslyThenNoRequestFailsAndTheOldSecretDies(TestDatabase database)
            throws Exception {
        // The loop requests as fast as it can; it measures rotation, not the per-client issuance limit.
        try (TestServer server = TestServer.start(database, config -> config.withAbuseProtection(
                AbuseProtection.DEFAULTS.withClientRateLimit(new ClientRateLimit(100_000, 100_000))));
             CognitoIdentityProviderClient cognito = server.cognito()) {
            String poolId = cognito.createUserPool(r -> r.poolName("rotating")).userPool().id();
            cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("api").name("API")
                    .scopes(ResourceServerScopeType.builder().scopeName("read").scopeDescription("read").build()));
            UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("worker")
                    .generateSecret(true).allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS)
                    .allowedOAuthScopes("api/read").allowedOAuthFlowsUserPoolClient(true)).userPoolClient();
            String oldSecret = client.clientSecret();
            String oldSecretId = cognito.listUserPoolClientSecrets(r -> r.userPoolId(poolId).clientId(client.clientId()))
                    .clientSecrets().get(0).clientSecretId();

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger requests = new AtomicInteger();
            List<String> failures = new CopyOnWriteArrayList<>();
            AtomicReference<String> current = new AtomicReference<>(oldSecret);
            Thread load = new Thread(() -> {
                while (running.get()) {
                    requests.incrementAndGet();
                    try {
                        HttpResponse<String> response = token(server, client.clientId(), current.get());
                        if (response.statusCode() != 200) {
                            failures.add(response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "secret-rotation-load");
            load.start();
            try {
                awaitRequests(requests, 30);
                String newSecret = cognito.addUserPoolClientSecret(r -> r.userPoolId(poolId).clientId(client.clientId()))
                        .clientSecretDescriptor().clientSecretValue();
                awaitRequests(requests, requests.get() + 30); // both secrets valid: the overlap
                current.set(newSecret);                        // the client switches...
                awaitRequests(requests, requests.get() + 30);
                cognito.deleteUserPoolClientSecret(r -> r.userPoolId(poolId).clientId(client.clientId())
                        .clientSecretId(oldSecretId));        // ...then the old secret is deleted
                awaitRequests(requests, requests.get() + 30);
            } finally {
                running.set(false);
                load.join(10_000);
            }

            assertThat(failures).as("failed token requests during the rotation").isEmpty();
            assertThat(requests.get()).isGreaterThanOrEqualTo(120);
            HttpResponse<String> old = token(server, client.clientId(), oldSecret);
            assertThat(old.statusCode()).isEqualTo(401);
            assertThat(old.body()).contains("invalid_client");
        }
    }

    private static HttpResponse<String> token(TestServer server, String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitRequests(AtomicInteger requests, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (requests.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
