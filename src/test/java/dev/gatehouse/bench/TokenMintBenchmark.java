package dev.gatehouse.bench;

import dev.gatehouse.keys.CryptoProvider;
import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.store.Directory;
import dev.gatehouse.token.AccessTokenFactory;
import dev.gatehouse.token.ClientAuthenticator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Minting and signing one access token, against the ceiling: a bare RS256 signature of a
 * token-sized input with a ready {@link Signature} of the provider Gatehouse uses. {@code mint} is
 * {@link AccessTokenFactory#create}; {@code issue} is the whole client-credentials pipeline behind
 * the token endpoint (authenticate, throttle, scopes, mint). The gap between {@code signature} and
 * {@code issue} is what Gatehouse adds per token outside HTTP.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenMintBenchmark {

    private BenchWorld world;
    private AccessTokenFactory factory;
    private Directory.PoolEntry pool;
    private AppClient client;
    private Signature signature;
    private byte[] signingInput;
    private ClientAuthenticator.Credentials credentials;

    @Setup
    public void setUp() throws GeneralSecurityException {
        world = new BenchWorld();
        factory = new AccessTokenFactory(world.components.signingKeys(), world.components::issuerBaseUrl);
        Directory directory = world.components.directory().current();
        pool = directory.pool(BenchWorld.POOL).orElseThrow();
        client = directory.client(BenchWorld.CLIENT_ID).orElseThrow().client();
        SigningKey key = pool.activeKey(KeyPurpose.ACCESS, Instant.now()).orElseThrow();
        KeyFactory keys = CryptoProvider.rsa().isPresent()
                ? KeyFactory.getInstance("RSA", CryptoProvider.rsa().get()) : KeyFactory.getInstance("RSA");
        PrivateKey privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(key.privateKeyPkcs8()));
        signature = CryptoProvider.rsa().isPresent()
                ? Signature.getInstance("SHA256withRSA", CryptoProvider.rsa().get()) : Signature.getInstance("SHA256withRSA");
        signature.initSign(privateKey);
        String token = factory.create(pool, client, BenchWorld.SCOPE, Instant.now().getEpochSecond());
        signingInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        credentials = new ClientAuthenticator.Credentials(BenchWorld.CLIENT_ID, BenchWorld.SECRET);
        System.out.println("\ncrypto provider: " + CryptoProvider.describe());
    }

    @TearDown
    public void tearDown() {
        world.close();
    }

    /** The ceiling: one RS256 signature, nothing else. */
    @Benchmark
    public byte[] signature() throws GeneralSecurityException {
        signature.update(signingInput);
        return signature.sign();
    }

    @Benchmark
    public String mint() {
        return factory.create(pool, client, BenchWorld.SCOPE, Instant.now().getEpochSecond());
    }

    @Benchmark
    public String issue() {
        return world.issuer.clientCredentials("127.0.0.1", credentials, null, BenchWorld.POOL, null).accessToken();
    }
}
