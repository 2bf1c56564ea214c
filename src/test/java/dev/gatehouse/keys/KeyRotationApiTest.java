package dev.gatehouse.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.gatehouse.observe.JsonLinesAuditLog;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.gatehouse.keys.RotationFixture.JSON;
import static dev.gatehouse.keys.RotationFixture.kid;
import static dev.gatehouse.keys.RotationFixture.kidOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signing-key rotation through the GatehouseService operations, observed where verifiers see it:
 * the JWKS and the kid of issued tokens (SECURITY KS-04, KS-05; docs/key-rotation.md).
 */
class KeyRotationApiTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rotateWhenPendingThenPublishedAtOnceButTokensKeepTheOldKidUntilActivation(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            RotationFixture pool = RotationFixture.create(server);
            String oldKid = kidOf(pool.token());

            JsonNode rotation = pool.rotate(false);
            String newAccess = kid(rotation, "access");
            String newId = kid(rotation, "id");
            assertThat(rotation.path("SigningKeys")).hasSize(2);
            rotation.path("SigningKeys").forEach(key -> assertThat(key.path("State").asText()).isEqualTo("PENDING"));
            assertThat(rotation.path("SigningKeys").get(0).path("ActivationDate").decimalValue().doubleValue()
                    - rotation.path("SigningKeys").get(0).path("CreationDate").decimalValue().doubleValue())
                    .as("default pre-publication: one hour from the commit, rounded up to the second").isBetween(3600.0, 3610.0);

            assertThat(pool.jwksKids()).as("pending keys are published at once").contains(oldKid, newAccess, newId);
            assertThat(kidOf(pool.token())).as("tokens keep the old kid until activation").isEqualTo(oldKid);
            assertThat(pool.jwksResponse().headers().firstValue("Cache-Control")).hasValue("public, max-age=300");

            JsonNode described = pool.gatehouseOk("DescribeSigningKeys", "{\"UserPoolId\":\"" + pool.poolId + "\"}");
            assertThat(described.path("SigningKeys")).hasSize(4);
            described.path("SigningKeys").forEach(key -> {
                assertThat(key.has("Kid") && key.has("Use") && key.has("State") && key.has("CreationDate")
                        && key.has("ActivationDate")).isTrue();
                assertThat(key.path("Algorithm").asText()).isEqualTo("RS256");
                assertThat(key.toString()).doesNotContain("\"d\"", "PrivateKey", "n\":");
            });
            assertThat(states(described)).containsExactlyInAnyOrder("ACTIVE", "ACTIVE", "PENDING", "PENDING");
            assertThat(described.path("SigningKeyPolicy").toString())
                    .isEqualTo("{\"RotationPeriodDays\":0,\"PrePublicationSeconds\":3600,\"PrePublicationIsDefault\":true,\"SigningAlgorithm\":\"RS256\"}");

            HttpResponse<String> again = pool.gatehouse("RotateSigningKeys", "{\"UserPoolId\":\"" + pool.poolId + "\"}");
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(again.body()).path("__type").asText()).isEqualTo("InvalidParameterException");
            assertThat(JSON.readTree(again.body()).path("message").asText())
                    .startsWith("A signing-key rotation of " + pool.poolId + " is already in progress: its new keys become active at ");
            assertThat(pool.jwksKids()).as("the refused rotation changed nothing").hasSize(4);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rotateWhenPrePublicationElapsesThenTokensCarryTheNewKidAndTheOldStaysPublished(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            RotationFixture pool = RotationFixture.create(server);
            String oldKid = kidOf(pool.token());
            pool.prePublication(2);
            assertThat(pool.jwksResponse().headers().firstValue("Cache-Control"))
                    .as("KS-05: max-age no longer than the pre-publication").hasValue("public, max-age=2");
            String oldToken = pool.token();

            String newKid = kid(pool.rotate(false), "access");
            assertThat(kidOf(pool.token())).isEqualTo(oldKid);
            RotationFixture.await(Duration.ofSeconds(10), () -> {
                try {
                    return kidOf(pool.token()).equals(newKid);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "tokens carry the new kid");

            JWKSet jwks = pool.jwks();
            assertThat(pool.jwksKids()).as("the retired key stays published").contains(oldKid, newKid);
            assertThat(RotationFixture.verify(oldToken, jwks).getSubject()).isEqualTo(pool.clientId);
            assertThat(RotationFixture.verify(pool.token(), jwks).getSubject()).isEqualTo(pool.clientId);
            JsonNode described = pool.gatehouseOk("DescribeSigningKeys", "{\"UserPoolId\":\"" + pool.poolId + "\"}");
            assertThat(states(described)).containsExactlyInAnyOrder("RETIRED", "RETIRED", "ACTIVE", "ACTIVE");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rotateWhenEmergencyThenOldKidLeavesJwksAtOnceAndItsTokensStopVerifying(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            RotationFixture pool = RotationFixture.create(server);
            String oldToken = pool.token();
            String oldKid = kidOf(oldToken);
            String pendingKid = kid(pool.rotate(false), "access");

            JsonNode emergency = pool.rotate(true);
            String newKid = kid(emergency, "access");
            assertThat(RotationFixture.texts(emergency.path("RevokedKids"))).as("the active and the pending keys")
                    .hasSize(4).contains(oldKid, pendingKid);
            emergency.path("SigningKeys").forEach(key -> assertThat(key.path("State").asText()).isEqualTo("ACTIVE"));

            assertThat(pool.jwksKids()).doesNotContain(oldKid, pendingKid).contains(newKid).hasSize(2);
            String newToken = pool.token();
            assertThat(kidOf(newToken)).isEqualTo(newKid);
            JWKSet fresh = pool.jwks();
            assertThatThrownBy(() -> RotationFixture.verify(oldToken, fresh))
                    .as("a token of the revoked key no longer verifies with a fresh JWKS")
                    .hasMessageContaining("no matching key");
            assertThat(RotationFixture.verify(newToken, fresh).getSubject()).isEqualTo(pool.clientId);

            JsonNode described = pool.gatehouseOk("DescribeSigningKeys", "{\"UserPoolId\":\"" + pool.poolId + "\"}");
            assertThat(states(described)).containsExactlyInAnyOrder("REVOKED", "REVOKED", "REVOKED", "REVOKED", "ACTIVE", "ACTIVE");
            described.path("SigningKeys").forEach(key ->
                    assertThat(key.has("RevocationDate")).isEqualTo(key.path("State").asText().equals("REVOKED")));

            Path audit = server.dataDir().resolve(JsonLinesAuditLog.FILE_NAME);
            RotationFixture.await(Duration.ofSeconds(5), () -> auditLines(audit).stream()
                    .filter(line -> line.contains("\"SigningKeyRevoked\"")).count() == 4, "four SigningKeyRevoked events");
            assertThat(auditLines(audit)).filteredOn(line -> line.contains("\"SigningKeyRevoked\""))
                    .anySatisfy(line -> assertThat(line).contains(oldKid).contains(TestServer.ACCESS_KEY))
                    .allSatisfy(line -> assertThat(line).doesNotContain(pool.clientSecret));
            assertThat(auditLines(audit)).anySatisfy(line -> assertThat(line).contains("\"RotateSigningKeys\""));
        }
    }

    record Refusal(String operation, String body, String type, String message) {
        @Override
        public String toString() {
            return operation + " " + body;
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void operationsWhenInputIsWrongThenClearCognitoShapedErrors(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            RotationFixture pool = RotationFixture.create(server);
            String id = pool.poolId;
            String invalid = "InvalidParameterException";
            List<Refusal> table = List.of(
                    new Refusal("RotateSigningKeys", "{}", invalid, "UserPoolId is required."),
                    new Refusal("RotateSigningKeys", "{\"UserPoolId\":5}", invalid,
                            "UserPoolId must be a user pool id such as us-east-1_EXAMPLE12."),
                    new Refusal("RotateSigningKeys", "{\"UserPoolId\":\"" + id + "\",\"Emergency\":\"yes\"}", invalid,
                            "Emergency must be true or false."),
                    new Refusal("RotateSigningKeys", "{\"UserPoolId\":\"" + id + "\",\"Emergncy\":true}", invalid,
                            "Unknown member 'Emergncy'; expected one of Emergency, UserPoolId."),
                    new Refusal("RotateSigningKeys", "{\"UserPoolId\":\"us-east-1_NOTTHERE1\"}", "ResourceNotFoundException",
                            "User pool us-east-1_NOTTHERE1 does not exist."),
                    new Refusal("DescribeSigningKeys", "{\"UserPoolId\":\"us-east-1_NOTTHERE1\"}", "ResourceNotFoundException",
                            "User pool us-east-1_NOTTHERE1 does not exist."),
                    new Refusal("SetSigningKeyPolicy", "{\"UserPoolId\":\"" + id + "\",\"RotationPeriodDays\":3651}", invalid,
                            "RotationPeriodDays must be a whole number between 0 and 3650."),
                    new Refusal("SetSigningKeyPolicy", "{\"UserPoolId\":\"" + id + "\",\"RotationPeriodDays\":1.5}", invalid,
                            "RotationPeriodDays must be a whole number between 0 and 3650."),
                    new Refusal("SetSigningKeyPolicy", "{\"UserPoolId\":\"" + id + "\",\"PrePublicationSeconds\":-1}", invalid,
                            "PrePublicationSeconds must be a whole number between 0 and 2592000."),
                    new Refusal("SetSigningKeyPolicy", "{\"UserPoolId\":\"" + id + "\",\"SigningAlgorithm\":\"es256\"}", invalid,
                            "SigningAlgorithm must be one of RS256, ES256."),
                    new Refusal("SetSigningKeyPolicy", "{\"UserPoolId\":\"" + id + "\",\"SigningAlgorithm\":\"HS256\"}", invalid,
                            "SigningAlgorithm must be one of RS256, ES256."),
                    new Refusal("SetSigningKeyPolicy", "{\"UserPoolId\":\"" + id + "\",\"SigningAlgorithm\":[\"ES256\"]}", invalid,
                            "SigningAlgorithm must be one of RS256, ES256."),
                    new Refusal("SetSigningKeyPolicy", "{\"UserPoolId\":\"" + id + "\",\"Algorithm\":\"ES256\"}", invalid,
                            "Unknown member 'Algorithm'; expected one of PrePublicationSeconds, RotationPeriodDays, SigningAlgorithm, UserPoolId."),
                    new Refusal("SetSigningKeyPolicy", "{\"UserPoolId\":\"us-east-1_NOTTHERE1\"}", "ResourceNotFoundException",
                            "User pool us-east-1_NOTTHERE1 does not exist."));
            for (Refusal refusal : table) {
                HttpResponse<String> response = pool.gatehouse(refusal.operation(), refusal.body());
                assertThat(response.statusCode()).as(refusal.toString()).isEqualTo(400);
                JsonNode error = JSON.readTree(response.body());
                assertThat(error.path("__type").asText()).as(refusal.toString()).isEqualTo(refusal.type());
                assertThat(error.path("message").asText()).as(refusal.toString()).isEqualTo(refusal.message());
            }
            assertThat(pool.jwksKids()).as("no refusal changed the keys").hasSize(2);

            JsonNode set = pool.gatehouseOk("SetSigningKeyPolicy",
                    "{\"UserPoolId\":\"" + id + "\",\"RotationPeriodDays\":90,\"PrePublicationSeconds\":600}");
            assertThat(set.path("SigningKeyPolicy").toString())
                    .isEqualTo("{\"RotationPeriodDays\":90,\"PrePublicationSeconds\":600,\"PrePublicationIsDefault\":false,\"SigningAlgorithm\":\"RS256\"}");
            JsonNode off = pool.gatehouseOk("SetSigningKeyPolicy", "{\"UserPoolId\":\"" + id + "\",\"RotationPeriodDays\":0}");
            assertThat(off.path("SigningKeyPolicy").toString())
                    .isEqualTo("{\"RotationPeriodDays\":0,\"PrePublicationSeconds\":3600,\"PrePublicationIsDefault\":true,\"SigningAlgorithm\":\"RS256\"}");
            HttpResponse<String> otherRegion = dev.gatehouse.testing.SignedHttp.cognito(server,
                    "GatehouseService.DescribeSigningKeys", "application/x-amz-json-1.1", "{\"UserPoolId\":\"" + id + "\"}");
            assertThat(otherRegion.statusCode()).isEqualTo(200);
        }
    }

    private static List<String> states(JsonNode described) {
        return RotationFixture.texts(described.path("SigningKeys").findValues("State"));
    }

    private static List<String> auditLines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
