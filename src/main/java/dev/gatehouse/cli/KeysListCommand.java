package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gatehouse keys list --pool ID}: the pool's signing keys and their states (DescribeSigningKeys). */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List a pool's signing keys with their states (PENDING, ACTIVE, RETIRED, EXPIRED, REVOKED).")
public final class KeysListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KeysConnectionOptions connection;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            JsonNode output = new KeysManagementClient(connection, System::getenv, Clock.systemUTC())
                    .call("DescribeSigningKeys", JsonNodeFactory.instance.objectNode().put("UserPoolId", connection.poolId));
            out.println("Signing keys of " + connection.poolId + ":");
            for (JsonNode key : output.path("SigningKeys")) {
                out.println("  " + describe(key));
            }
            out.println(describePolicy(output.path("SigningKeyPolicy")));
            out.flush();
            return 0;
        } catch (KeysManagementClient.Failed e) {
            spec.commandLine().getErr().println("gatehouse keys list: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    /** The policy in one line: automatic rotation, pre-publication delay, algorithm of the next keys. */
    static String describePolicy(JsonNode policy) {
        int period = policy.path("RotationPeriodDays").asInt(0);
        return "Automatic rotation: " + (period == 0 ? "off" : "every " + period + " days")
                + "; pre-publication " + policy.path("PrePublicationSeconds").asLong() + " s"
                + "; next keys " + policy.path("SigningAlgorithm").asText("RS256");
    }

    /** One line per key: use, state, algorithm, kid and its times. */
    static String describe(JsonNode key) {
        StringBuilder line = new StringBuilder()
                .append(String.format("%-6s %-8s %-5s %s  created %s, signs from %s", key.path("Use").asText(),
                        key.path("State").asText(), key.path("Algorithm").asText(), key.path("Kid").asText(),
                        time(key.path("CreationDate")),
                        time(key.path("ActivationDate"))));
        if (key.hasNonNull("RevocationDate")) {
            line.append(", revoked ").append(time(key.path("RevocationDate")));
        }
        return line.toString();
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** awsJson epoch seconds (with millis) as an ISO-8601 instant to the second. */
    private static String time(JsonNode epochSeconds) {
        if (!epochSeconds.isNumber()) {
            return "?";
        }
        long millis = epochSeconds.decimalValue().multiply(BigDecimal.valueOf(1000)).longValue();
        return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
