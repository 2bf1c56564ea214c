package dev.gatehouse.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the package arrows of DESIGN §2 by reading the sources' imports: data flows one way,
 * the protocol planes do not know each other, and only the store speaks SQL.
 */
class PackageArrowsTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/gatehouse");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

    /** For each package: the Gatehouse packages it must never import. */
    private static final Map<String, Set<String>> FORBIDDEN = Map.of(
            "model", Set.of("store", "keys", "token", "manage", "admin", "oauth", "gateway", "server", "cli", "config"),
            "store", Set.of("keys", "token", "manage", "admin", "oauth", "gateway", "server", "cli"),
            "keys", Set.of("token", "manage", "admin", "oauth", "gateway", "server", "cli"),
            "token", Set.of("manage", "admin", "oauth", "gateway", "server", "cli"),
            "manage", Set.of("admin", "oauth", "gateway", "server", "cli", "token"),
            "admin", Set.of("oauth", "gateway", "server", "cli"),
            "oauth", Set.of("admin", "gateway", "manage", "server", "cli"),
            "gateway", Set.of("admin", "oauth", "manage", "server", "cli"),
            // Hand-written JSON for the hot paths: a leaf everyone may use.
            "json", Set.of("model", "store", "keys", "token", "manage", "admin", "oauth", "gateway", "server", "cli",
                    "config", "net", "observe", "runtime"),
            // Shared by every plane (client address, connection guards): knows none of them.
            "net", Set.of("model", "store", "keys", "token", "manage", "admin", "oauth", "gateway", "server", "cli",
                    "config"));

    @Test
    void importsWhenCheckedThenFollowTheDesignArrows() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String pkg = topPackage(file);
            String source = Files.readString(file);
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                String imported = imports.group(1);
                if (imported.startsWith("dev.gatehouse.")) {
                    String target = imported.substring("dev.gatehouse.".length()).split("\\.")[0];
                    if (FORBIDDEN.getOrDefault(pkg, Set.of()).contains(target)) {
                        violations.add(SOURCES.relativize(file) + " imports " + imported);
                    }
                }
                if (imported.startsWith("java.sql") && !pkg.equals("store")) {
                    violations.add(SOURCES.relativize(file) + " imports " + imported + " (only store speaks SQL)");
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void mainSourcesWhenScannedThenNeverPrintToTheConsoleOrPrintStackTraces() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String source = Files.readString(file);
            if (source.contains("printStackTrace(") || source.contains("System.out.print") || source.contains("System.err.print")) {
                violations.add(SOURCES.relativize(file).toString());
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    private static String topPackage(Path file) {
        Path relative = SOURCES.relativize(file);
        return relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
    }
}
