package dev.gatehouse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a fresh {@code gatehouse serve} on the embedded default does before it is ready, in a JVM of its
 * own as an operator starts it (issue 5: ready in under 2 s on one core). Each guarded item was a
 * measurable share of start-up: jackson-databind's mappers, picocli's model of the {@code keys}
 * commands, Flyway, the migration scripts (the database is a copy of the build's template), an
 * SQLException (H2 formatted it into a trace file in the data directory), and the AWS-LC provider,
 * which a server without pools has no use for yet. What start-up leaves, the warm-up does once the
 * server listens.
 */
class ServeStartFootprintTest {

    private static final Pattern LISTENING = Pattern.compile("listening on +127\\.0\\.0\\.1:(\\d+)");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String WARM_UP = " dev.gatehouse.cli.WarmUp ";

    @TempDir
    Path dir;

    @Test
    void freshEmbeddedStartWhenReadyThenLoadedNoneOfWhatItDoesNotNeed() throws Exception {
        Path classLog = dir.resolve("classes.log");
        Path out = dir.resolve("out.txt");
        Path dataDir = dir.resolve("data");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load:file=" + classLog, "-cp", System.getProperty("java.class.path"),
                "dev.gatehouse.Main", "serve", "--listen", "127.0.0.1:0", "--data-dir", dataDir.toString())
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        List<String> startUp;
        List<String> warmUp;
        try {
            int port = awaitPort(server, out);
            awaitReady(port);
            List<String> loaded = awaitLine(classLog, WARM_UP);
            int warmUpStart = loaded.indexOf(loaded.stream().filter(line -> line.contains(WARM_UP)).findFirst().orElseThrow());
            startUp = loaded.subList(0, warmUpStart);
            warmUp = awaitLine(classLog, " com.fasterxml.jackson.databind.cfg.BaseSettings ");
        } finally {
            server.destroy();
            server.waitFor();
        }
        assertThat(startUp).as("class-load log").anyMatch(line -> line.contains(" dev.gatehouse.cli.ServeCommand "));
        // Loaded, if at all, by the warm-up after the listener is up, never before.
        assertThat(warmUp).anyMatch(line -> line.contains(" com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider "));
        assertThat(startUp).noneMatch(line -> line.contains(" com.fasterxml.jackson.databind.cfg.BaseSettings "))
                .noneMatch(line -> line.contains(" dev.gatehouse.cli.KeysCommand "))
                .noneMatch(line -> line.contains(" org.flywaydb."))
                .noneMatch(line -> line.contains(" dev.gatehouse.store.NewEmbeddedSchema ")) // the template, not the scripts
                .noneMatch(line -> line.contains(" com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider "));
        assertThat(Files.readString(out)).contains("crypto           chosen once the server is up");
        assertThat(dataDir.resolve("gatehouse.mv.db")).exists();
        assertThat(dataDir.resolve("gatehouse.trace.db")).doesNotExist();
    }

    /** The class-load log once it holds a line containing {@code text}. */
    private static List<String> awaitLine(Path log, String text) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            List<String> lines = Files.readAllLines(log);
            if (lines.stream().anyMatch(line -> line.contains(text))) {
                return lines;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no '" + text + "' in the class-load log within " + PATIENCE);
    }

    private static int awaitPort(Process server, Path out) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Optional<Integer> port = Files.exists(out) ? port(Files.readString(out)) : Optional.empty();
            if (port.isPresent()) {
                return port.get();
            }
            assertThat(server.isAlive()).as("server still running").isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("no 'listening on' line within " + PATIENCE);
    }

    private static Optional<Integer> port(String banner) {
        Matcher listening = LISTENING.matcher(banner);
        return listening.find() ? Optional.of(Integer.parseInt(listening.group(1))) : Optional.empty();
    }

    private static void awaitReady(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not ready within " + PATIENCE);
    }
}
