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

/** {@code gatehouse keys rotate --pool ID [--emergency]}: starts a signing-key rotation (RotateSigningKeys). */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Start a signing-key rotation: new keys are published in JWKS at once and sign after the "
                + "pool's pre-publication delay.",
                "With --emergency the new keys sign at once and the current keys are revoked: they leave JWKS "
                        + "immediately and tokens they signed stop verifying."})
public final class KeysRotateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KeysConnectionOptions connection;

    @Option(names = "--emergency", description = "Revoke the current keys now (a compromised key).")
    boolean emergency;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            ObjectNode input = JsonNodeFactory.instance.objectNode().put("UserPoolId", connection.poolId);
            if (emergency) {
                input.put("Emergency", true);
            }
            JsonNode output = new KeysManagementClient(connection, System::getenv, Clock.systemUTC())
                    .call("RotateSigningKeys", input);
            out.println((emergency ? "Emergency rotation of " : "Rotation started for ") + connection.poolId + ":");
            for (JsonNode key : output.path("SigningKeys")) {
                out.println("  " + KeysListCommand.describe(key));
            }
            if (emergency) {
                out.println("Revoked (removed from JWKS now): " + String.join(", ",
                        KeysListCommand.texts(output.path("RevokedKids"))));
            }
            out.flush();
            return 0;
        } catch (KeysManagementClient.Failed e) {
            spec.commandLine().getErr().println("gatehouse keys rotate: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
