package dev.gatehouse;

import dev.gatehouse.cli.GatehouseCommand;
import picocli.CommandLine;

/** Entry point: {@code java -jar gatehouse.jar serve}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new GatehouseCommand()).execute(args);
        if (exit != 0 || args.length == 0 || !"serve".equals(args[0])) {
            System.exit(exit);
        }
    }
}
