package dev.gatehouse.bench;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.store.Directory;
import dev.gatehouse.token.ClientAuthenticator;
import dev.gatehouse.token.TokenError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * {@link ClientAuthenticator#authenticate} against the loaded directory: the right secret, a wrong
 * secret and an unknown client id — the three should cost the same (SECURITY TE-21).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientAuthBenchmark {

    private BenchWorld world;
    private Directory directory;
    private final ClientAuthenticator authenticator = new ClientAuthenticator();
    private final ClientAuthenticator.Credentials right =
            new ClientAuthenticator.Credentials(BenchWorld.CLIENT_ID, BenchWorld.SECRET);
    private final ClientAuthenticator.Credentials wrong =
            new ClientAuthenticator.Credentials(BenchWorld.CLIENT_ID, BenchWorld.SECRET.replace('1', '2'));
    private final ClientAuthenticator.Credentials unknown =
            new ClientAuthenticator.Credentials("unknownunknownunknownunkn1", BenchWorld.SECRET);

    @Setup
    public void setUp() {
        world = new BenchWorld();
        directory = world.components.directory().current();
    }

    @TearDown
    public void tearDown() {
        world.close();
    }

    @Benchmark
    public AppClient rightSecret() {
        return authenticator.authenticate(directory, right, null);
    }

    @Benchmark
    public Object wrongSecret() {
        return refused(wrong);
    }

    @Benchmark
    public Object unknownClient() {
        return refused(unknown);
    }

    private Object refused(ClientAuthenticator.Credentials credentials) {
        try {
            return authenticator.authenticate(directory, credentials, null);
        } catch (TokenError expected) {
            return expected;
        }
    }
}
