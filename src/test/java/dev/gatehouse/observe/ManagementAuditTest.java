package dev.gatehouse.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagementAuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void managementWritesWhenMadeThenOneAuditEventEachWithoutSecrets(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database); CognitoIdentityProviderClient cognito = server.cognito()) {
            String poolId = cognito.createUserPool(r -> r.poolName("audited")).userPool().id();
            assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain("my-aws-domain")))
                    .isInstanceOf(InvalidParameterException.class);
            String secret = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("c").generateSecret(true))
                    .userPoolClient().clientSecret();
            cognito.describeUserPool(r -> r.userPoolId(poolId));

            List<JsonNode> events = awaitEvents(server.dataDir().resolve(JsonLinesAuditLog.FILE_NAME), 3);

            assertThat(events).extracting(e -> e.get("action").asText())
                    .containsExactly("CreateUserPool", "CreateUserPoolDomain", "CreateUserPoolClient");
            assertThat(events).extracting(e -> e.get("outcome").asText())
                    .containsExactly("success", "InvalidParameterException", "success");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.get("actor").asText()).isEqualTo(TestServer.ACCESS_KEY);
                assertThat(e.get("source").asText()).isEqualTo("127.0.0.1");
                assertThat(Instant.parse(e.get("time").asText())).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
            });
            assertThat(events.get(0).get("target").asText()).isEqualTo(poolId);
            assertThat(events.get(1).get("target").asText()).isEqualTo("my-aws-domain");
            assertThat(Files.readString(server.dataDir().resolve(JsonLinesAuditLog.FILE_NAME)))
                    .doesNotContain(secret).doesNotContain(TestServer.SECRET_KEY);
        }
    }

    private static List<JsonNode> awaitEvents(Path file, int count) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(5);
        List<JsonNode> events = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            events.clear();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    events.add(JSON.readTree(line));
                }
            }
            if (events.size() >= count) {
                return events;
            }
            Thread.sleep(20);
        }
        return events;
    }
}
