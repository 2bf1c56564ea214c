package dev.gatehouse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gatehouse version}: prints the version and the active crypto provider. */
@Command(name = "version", description = "Print the version.")
public final class VersionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println("gatehouse " + VersionProvider.version());
        spec.commandLine().getOut().println("crypto: " + dev.gatehouse.keys.CryptoProvider.describe());
    }
}
