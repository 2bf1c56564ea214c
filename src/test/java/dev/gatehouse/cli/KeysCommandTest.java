package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.SignedHttp;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gatehouse keys rotate|list} run in-process against a running server, credentials from the data directory's file. */
class KeysCommandTest {

    private record Run(int exit, String out, String err) {
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void keysWhenRotatedAndListedThenSummariesMatchTheServer(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            String poolId = server.cognito().createUserPool(r -> r.poolName("cli")).userPool().id();
            Path dataDir = credentialsDir(server);

            Run rotate = run("keys", "rotate", "--pool", poolId, "--endpoint", server.baseUrl(), "--data-dir", dataDir.toString());
            assertThat(rotate.exit()).as(rotate.err()).isEqualTo(0);
            assertThat(rotate.out()).startsWith("Rotation started for " + poolId + ":");
            JsonNode keys = describe(server, poolId);
            for (JsonNode key : keys.path("SigningKeys")) {
                if (key.path("State").asText().equals("PENDING")) {
                    assertThat(rotate.out()).contains(key.path("Kid").asText());
                }
            }

            Run list = run("keys", "list", "--pool", poolId, "--endpoint", server.baseUrl(), "--data-dir", dataDir.toString());
            assertThat(list.exit()).as(list.err()).isEqualTo(0);
            assertThat(list.out().lines().filter(line -> line.contains(" ACTIVE ")).count()).isEqualTo(2);
            assertThat(list.out().lines().filter(line -> line.contains(" PENDING ")).count()).isEqualTo(2);
            assertThat(list.out()).contains("Automatic rotation: off; pre-publication 3600 s; next keys RS256");

            Run again = run("keys", "rotate", "--pool", poolId, "--endpoint", server.baseUrl(), "--data-dir", dataDir.toString());
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).startsWith("gatehouse keys rotate: RotateSigningKeys failed: InvalidParameterException: "
                    + "A signing-key rotation of " + poolId + " is already in progress");

            Run emergency = run("keys", "rotate", "--pool", poolId, "--emergency", "--endpoint", server.baseUrl(),
                    "--data-dir", dataDir.toString());
            assertThat(emergency.exit()).as(emergency.err()).isEqualTo(0);
            assertThat(emergency.out()).startsWith("Emergency rotation of " + poolId + ":")
                    .contains("Revoked (removed from JWKS now): ");
            assertThat(describe(server, poolId).path("SigningKeys").findValuesAsText("State")).filteredOn("REVOKED"::equals).hasSize(4);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void keysPolicyWhenAlgorithmChangedThenOtherSettingsKeptAndTheNextRotationMakesEs256Keys(TestDatabase database)
            throws Exception {
        try (TestServer server = TestServer.start(database)) {
            String poolId = server.cognito().createUserPool(r -> r.poolName("cli-policy")).userPool().id();
            Path dataDir = credentialsDir(server);
            String[] connection = {"--pool", poolId, "--endpoint", server.baseUrl(), "--data-dir", dataDir.toString()};

            Run period = run(concat(new String[] {"keys", "policy", "--rotation-period-days", "90",
                    "--pre-publication-seconds", "600"}, connection));
            assertThat(period.exit()).as(period.err()).isEqualTo(0);
            assertThat(period.out().trim()).isEqualTo("Signing-key policy of " + poolId
                    + ": Automatic rotation: every 90 days; pre-publication 600 s; next keys RS256");

            Run es256 = run(concat(new String[] {"keys", "policy", "--algorithm", "ES256"}, connection));
            assertThat(es256.exit()).as(es256.err()).isEqualTo(0);
            assertThat(es256.out()).startsWith("Signing-key policy of " + poolId
                    + ": Automatic rotation: every 90 days; pre-publication 600 s; next keys ES256")
                    .contains("ES256 keys are made by the next rotation");
            assertThat(describe(server, poolId).path("SigningKeys").findValuesAsText("Algorithm"))
                    .as("the keys in use keep RS256").containsOnly("RS256");

            Run rotate = run(concat(new String[] {"keys", "rotate"}, connection));
            assertThat(rotate.exit()).as(rotate.err()).isEqualTo(0);
            assertThat(rotate.out().lines().filter(line -> line.contains(" PENDING  ES256 ")).count()).isEqualTo(2);

            Run wrong = run(concat(new String[] {"keys", "policy", "--algorithm", "HS256"}, connection));
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.err().trim()).isEqualTo("gatehouse keys policy: SetSigningKeyPolicy failed: "
                    + "InvalidParameterException: SigningAlgorithm must be one of RS256, ES256.");
        }
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void keysWhenSomethingIsWrongThenOneClearLineAndExitCodeOne(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            Path dataDir = credentialsDir(server);
            Path empty = Files.createTempDirectory("gatehouse-cli-empty");
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }

            Run unknownPool = run("keys", "list", "--pool", "us-east-1_NOTTHERE1", "--endpoint", server.baseUrl(),
                    "--data-dir", dataDir.toString());
            assertThat(unknownPool.exit()).isEqualTo(1);
            assertThat(unknownPool.err().trim()).isEqualTo("gatehouse keys list: DescribeSigningKeys failed: "
                    + "ResourceNotFoundException: User pool us-east-1_NOTTHERE1 does not exist.");

            Run noCredentials = run("keys", "list", "--pool", "us-east-1_NOTTHERE1", "--endpoint", server.baseUrl(),
                    "--data-dir", empty.toString());
            assertThat(noCredentials.exit()).isEqualTo(1);
            assertThat(noCredentials.err()).startsWith("gatehouse keys list: no admin credentials: set GATEHOUSE_ADMIN_ACCESS_KEY_ID");

            Files.writeString(empty.resolve("admin-credentials"), "[gatehouse]\naws_access_key_id = AKIAWRONG\n"
                    + "aws_secret_access_key = wrong\n");
            Run wrongCredentials = run("keys", "rotate", "--pool", "us-east-1_NOTTHERE1", "--endpoint", server.baseUrl(),
                    "--data-dir", empty.toString());
            assertThat(wrongCredentials.exit()).isEqualTo(1);
            assertThat(wrongCredentials.err()).startsWith("gatehouse keys rotate: RotateSigningKeys failed: UnrecognizedClientException");

            Run down = run("keys", "list", "--pool", "us-east-1_NOTTHERE1", "--endpoint", "http://127.0.0.1:" + closedPort,
                    "--data-dir", dataDir.toString());
            assertThat(down.exit()).isEqualTo(1);
            assertThat(down.err().trim()).isEqualTo("gatehouse keys list: cannot reach Gatehouse at http://127.0.0.1:"
                    + closedPort + "/ (is it running? see --endpoint)");

            Run missingPool = run("keys", "rotate", "--endpoint", server.baseUrl());
            assertThat(missingPool.exit()).isEqualTo(2);
            assertThat(missingPool.err()).contains("Missing required option: '--pool=POOL_ID'");

            for (Run run : new Run[] {unknownPool, noCredentials, wrongCredentials, down, missingPool}) {
                assertThat(run.err()).doesNotContain("\tat ", "Exception:\n").doesNotContain(TestServer.SECRET_KEY);
            }
        }
    }

    /** The admin-credentials file a server writes in its data directory, for the test server's fixed keys. */
    private static Path credentialsDir(TestServer server) throws Exception {
        Path dir = Files.createTempDirectory("gatehouse-cli");
        Files.writeString(dir.resolve("admin-credentials"), "[gatehouse]\naws_access_key_id = " + TestServer.ACCESS_KEY
                + "\naws_secret_access_key = " + TestServer.SECRET_KEY + "\n");
        return dir;
    }

    private static JsonNode describe(TestServer server, String poolId) throws Exception {
        return new ObjectMapper().readTree(SignedHttp.cognito(server, "GatehouseService.DescribeSigningKeys",
                "application/x-amz-json-1.1", "{\"UserPoolId\":\"" + poolId + "\"}").body());
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = GatehouseCommand.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
