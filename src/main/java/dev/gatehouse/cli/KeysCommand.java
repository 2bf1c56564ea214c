package dev.gatehouse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gatehouse keys}: signing-key operations on a running server (docs/key-rotation.md). */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Rotate and list the signing keys of a user pool, and set its key policy, on a running Gatehouse.",
        subcommands = {KeysRotateCommand.class, KeysListCommand.class, KeysPolicyCommand.class, KeysRotateMasterCommand.class})
public final class KeysCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
