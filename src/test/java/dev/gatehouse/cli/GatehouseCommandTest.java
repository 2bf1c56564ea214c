package dev.gatehouse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gatehouse serve …} is parsed by a tree holding only {@code serve} (start-up need not reflect
 * over the {@code keys} commands), and answers exactly as the whole tree does.
 */
class GatehouseCommandTest {

    private record Run(int exit, String out, String err) {
    }

    @Test
    void serveWhenGivenThenOnlyServeIsBuiltElseTheWholeTree() {
        assertThat(GatehouseCommand.commandLine("serve", "--listen", "127.0.0.1:0").getSubcommands())
                .containsOnlyKeys("serve");
        for (String[] args : new String[][] {{}, {"keys", "list"}, {"version"}, {"--help"}, {"serf"}, {"-h", "serve"}}) {
            assertThat(GatehouseCommand.commandLine(args).getSubcommands()).as(String.join(" ", args))
                    .containsOnlyKeys("serve", "keys", "version");
        }
        assertThat(GatehouseCommand.commandLine().getSubcommands().keySet()).containsExactly("serve", "keys", "version");
    }

    /** Each line an argument vector that ends before a server starts: help, or a refusal. */
    @ParameterizedTest
    @ValueSource(strings = {"serve --help", "serve -h", "serve --bogus", "serve extra", "serve --listen",
            "serve --listen bad", "serve --listen 127.0.0.1:abc", "serve --key-pre-publication xyz",
            "serve --client-rate-limit x/y", "serve --trusted-proxies 300.1.1.1/99", "serve --help --bogus",
            "serve --listeners x", "serve --listeners -1", "serve --listeners 257", "serve --transport uring"})
    void serveWhenHelpOrRefusedThenAnswersAsTheWholeTree(String line) {
        String[] args = line.split(" ");
        Run lean = run(GatehouseCommand.commandLine(args), args);
        Run whole = run(GatehouseCommand.commandLine(), args);
        assertThat(lean).isEqualTo(whole);
        assertThat(lean.out() + lean.err()).contains("gatehouse serve");
    }

    /** Their converters are left out (picocli registers them by reflection, a tenth of serve's model). */
    @Test
    void optionsWhenTypedThenNoneNeedsAJavaSqlOrJavaTimeConverter() {
        List<String> types = new ArrayList<>();
        collectTypes(GatehouseCommand.commandLine(), types);
        assertThat(types).isNotEmpty().contains("java.nio.file.Path")
                .noneMatch(type -> type.matches(GatehouseCommand.UNUSED_CONVERTERS.split(",")[0])
                        || type.matches(GatehouseCommand.UNUSED_CONVERTERS.split(",")[1]));
        assertThat(System.getProperty(GatehouseCommand.CONVERTER_EXCLUDES)).as("left as the operator had it").isNull();
    }

    private static void collectTypes(CommandLine command, List<String> types) {
        command.getCommandSpec().args().forEach(arg -> types.add(arg.type().getName()));
        command.getSubcommands().values().forEach(sub -> collectTypes(sub, types));
    }

    @Test
    void topLevelHelpWhenAskedThenListsEveryCommand() {
        Run help = run(GatehouseCommand.commandLine("--help"), "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: gatehouse [-hV] [COMMAND]")
                .containsSubsequence("  serve ", "  keys ", "  version ")
                .contains("Run 'gatehouse serve --help'");
    }

    private static Run run(CommandLine command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
