package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code gatehouse keys policy --pool ID [--algorithm ES256] [--rotation-period-days N]
 * [--pre-publication-seconds N]}: changes a pool's signing-key policy (SetSigningKeyPolicy). Options
 * left out keep their current values (read with DescribeSigningKeys first), so changing one setting
 * never resets another.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Change the signing-key policy of a pool; options left out keep their current values.",
                "A new --algorithm applies from the next rotation: run 'gatehouse keys rotate' after it."})
public final class KeysPolicyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KeysConnectionOptions connection;

    @Option(names = "--algorithm", paramLabel = "RS256|ES256",
            description = "Algorithm of the keys the next rotation makes: RS256 (RSA-2048, as Cognito) or ES256 (P-256).")
    String algorithm;

    @Option(names = "--rotation-period-days", paramLabel = "DAYS",
            description = "Rotate automatically when the active key is this old (1-3650); 0 turns automatic rotation off.")
    Integer rotationPeriodDays;

    @Option(names = "--pre-publication-seconds", paramLabel = "SECONDS",
            description = "How long a rotated key is published before it signs (0-2592000).")
    Integer prePublicationSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            KeysManagementClient client = new KeysManagementClient(connection, System::getenv, Clock.systemUTC());
            JsonNode current = client.call("DescribeSigningKeys",
                    JsonNodeFactory.instance.objectNode().put("UserPoolId", connection.poolId)).path("SigningKeyPolicy");
            ObjectNode input = JsonNodeFactory.instance.objectNode().put("UserPoolId", connection.poolId);
            input.put("RotationPeriodDays", rotationPeriodDays != null ? rotationPeriodDays
                    : current.path("RotationPeriodDays").asInt(0));
            if (prePublicationSeconds != null) {
                input.put("PrePublicationSeconds", prePublicationSeconds);
            } else if (!current.path("PrePublicationIsDefault").asBoolean(true)) {
                input.put("PrePublicationSeconds", current.path("PrePublicationSeconds").asInt());
            }
            input.put("SigningAlgorithm", algorithm != null ? algorithm : current.path("SigningAlgorithm").asText("RS256"));
            JsonNode policy = client.call("SetSigningKeyPolicy", input).path("SigningKeyPolicy");
            out.println("Signing-key policy of " + connection.poolId + ": " + KeysListCommand.describePolicy(policy));
            if (algorithm != null && !algorithm.equals(current.path("SigningAlgorithm").asText("RS256"))) {
                out.println("The keys in use keep their algorithm; " + algorithm
                        + " keys are made by the next rotation (gatehouse keys rotate).");
            }
            out.flush();
            return 0;
        } catch (KeysManagementClient.Failed e) {
            spec.commandLine().getErr().println("gatehouse keys policy: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
