package dev.gatehouse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level command; each job is a subcommand. The subcommands are added here rather than named
 * in the annotation, so that {@code serve} can be started with only its own model built: picocli
 * builds the model of every annotated subcommand up front, and the {@code keys} tree was about a fifth
 * of the model's cost on every server start (issue 5).
 */
@Command(name = "gatehouse",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Self-hosted, Cognito-compatible authorization server and API gateway for machine-to-machine traffic.",
        footer = {"", "Run 'gatehouse serve --help' for the server's options (each also a GATEHOUSE_* environment variable)."})
public final class GatehouseCommand implements Runnable {

    static final String SERVE = "serve";
    /**
     * picocli registers a converter for each {@code java.sql} and {@code java.time} type, by reflection,
     * in every {@code CommandLine} it makes: a tenth of building serve's model. No option here has such a
     * type (GatehouseCommandTest holds that), so they are left out unless the operator names their own.
     */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    static final String UNUSED_CONVERTERS = "java\\.sql\\..*,java\\.time\\..*";

    @Spec
    CommandSpec spec;

    /** The whole command tree; the subcommands in the order the help lists them. */
    public static CommandLine commandLine() {
        return commandLine(false);
    }

    /**
     * The tree {@code args} need: for {@code gatehouse serve …} the top level and {@code serve} alone
     * (nothing after the subcommand's name can reach a sibling), else the whole tree.
     */
    public static CommandLine commandLine(String... args) {
        return commandLine(args.length > 0 && SERVE.equals(args[0]));
    }

    private static CommandLine commandLine(boolean serveOnly) {
        boolean operatorChose = System.getProperty(CONVERTER_EXCLUDES) != null;
        if (!operatorChose) {
            System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        }
        try {
            CommandLine top = new CommandLine(new GatehouseCommand()).addSubcommand(new ServeCommand());
            return serveOnly ? top : top.addSubcommand(new KeysCommand()).addSubcommand(new VersionCommand());
        } finally {
            if (!operatorChose) {
                System.clearProperty(CONVERTER_EXCLUDES);
            }
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
