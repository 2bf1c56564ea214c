package dev.gatehouse.cli;

import picocli.CommandLine.Command;

/** The top-level command; each job is a subcommand. */
@Command(name = "gatehouse",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Self-hosted, Cognito-compatible authorization server and API gateway for machine-to-machine traffic.",
        subcommands = {ServeCommand.class, VersionCommand.class, KeysRotateMasterCommand.class},
        footer = {"", "Run 'gatehouse serve --help' for the server's options (each also a GATEHOUSE_* environment variable)."})
public final class GatehouseCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
