package dev.gatehouse.bench;

import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.token.ClientAuthenticator;
import dev.gatehouse.token.TokenVerification;
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
 * {@link AccessTokenVerifier#verify} of a valid Gatehouse access token (every check passes, so
 * every check runs: parsing, issuer, key lookup, RS256 verification, claims, client, revocation),
 * and of a token whose signature is wrong (the same work up to the signature check).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenVerifyBenchmark {

    private BenchWorld world;
    private AccessTokenVerifier verifier;
    private String token;
    private String forged;

    @Setup
    public void setUp() {
        world = new BenchWorld();
        verifier = new AccessTokenVerifier(world.components.directory(), world.components::issuerBaseUrl,
                world.components.clock());
        token = world.issuer.clientCredentials("127.0.0.1",
                new ClientAuthenticator.Credentials(BenchWorld.CLIENT_ID, BenchWorld.SECRET), null, null, null)
                .accessToken();
        int dot = token.lastIndexOf('.');
        char last = token.charAt(dot + 1);
        forged = token.substring(0, dot + 1) + (last == 'A' ? 'B' : 'A') + token.substring(dot + 2);
        if (!(verifier.verify(token).valid())) {
            throw new IllegalStateException("the benchmark token does not verify: " + verifier.verify(token));
        }
        if (verifier.verify(forged).valid()) {
            throw new IllegalStateException("the forged token verifies");
        }
    }

    @TearDown
    public void tearDown() {
        world.close();
    }

    @Benchmark
    public TokenVerification valid() {
        return verifier.verify(token);
    }

    @Benchmark
    public TokenVerification badSignature() {
        return verifier.verify(forged);
    }
}
