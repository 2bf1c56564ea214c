package dev.gatehouse;

import dev.gatehouse.cli.GatehouseCommand;
import dev.gatehouse.runtime.RuntimeDefaults;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point: {@code java -jar gatehouse.jar serve}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        RuntimeDefaults.apply(); // before any Netty class loads
        CommandLine commandLine = GatehouseCommand.commandLine(args)
                .setExecutionExceptionHandler((failure, cmd, parsed) -> {
                    // A clear sentence for the operator; the details go to the log, never a stack trace on the console.
                    LoggerFactory.getLogger(Main.class).debug("Command failed", failure);
                    cmd.getErr().println("gatehouse: " + describe(failure));
                    return 1;
                });
        int exit = commandLine.execute(args);
        if (exit != 0 || args.length == 0 || !"serve".equals(args[0])) {
            System.exit(exit);
        }
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
