package dev.gatehouse.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import dev.gatehouse.keys.CryptoProvider;
import dev.gatehouse.keys.JwsSignatures;
import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.SigningAlgorithm;
import dev.gatehouse.model.SigningKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * RS256 (RSA-2048) against ES256 (P-256) on the production paths, with the provider the server
 * uses ({@link CryptoProvider}: ACCP/AWS-LC where it loads): {@code sign} is what the token endpoint
 * does per token ({@link SigningKeys#signer} over a Cognito-sized signing input, JWS encoding
 * included), {@code verify} what the in-memory verifier and the gateway do
 * ({@link JwsSignatures#valid}, ES256's R || S to DER conversion included).
 * Run: {@code bench/jmh.sh SigningAlgorithm -f 1 -wi 3 -i 5 -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningAlgorithmBenchmark {

    /** A signing input the size of a real token's: header and the ten Cognito claims, base64url. */
    private static final byte[] SIGNING_INPUT = signingInput();

    @Param({"RS256", "ES256"})
    public String algorithm;

    private SigningKey key;
    private JWSSigner signer;
    private JWSHeader header;
    private JwsSignatures signatures;
    private byte[] signature;

    @Setup
    public void setUp() throws JOSEException {
        System.out.println("provider: " + CryptoProvider.describe());
        SigningAlgorithm chosen = SigningAlgorithm.valueOf(algorithm);
        Instant now = Instant.now();
        key = SigningKeys.generate("us-east-1_BENCH0001", KeyPurpose.ACCESS, chosen, now, now);
        signer = new SigningKeys().signer(key);
        header = new JWSHeader(JWSAlgorithm.parse(algorithm));
        signatures = new JwsSignatures();
        signature = signer.sign(header, SIGNING_INPUT).decode();
        if (!signatures.valid(key, SIGNING_INPUT, signature)) {
            throw new IllegalStateException("the benchmark's own signature does not verify");
        }
    }

    @Benchmark
    public String sign() throws JOSEException {
        return signer.sign(header, SIGNING_INPUT).toString();
    }

    @Benchmark
    public boolean verify() {
        return signatures.valid(key, SIGNING_INPUT, signature);
    }

    private static byte[] signingInput() {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"kid\":\"" + "k".repeat(44) + "\",\"alg\":\"ES256\"}";
        String claims = "{\"sub\":\"" + "c".repeat(26) + "\",\"token_use\":\"access\",\"scope\":\"inventory/items.read\","
                + "\"auth_time\":1773480413,\"iss\":\"http://localhost:9229/us-east-1_EXAMPLE12\",\"exp\":1773484013,"
                + "\"iat\":1773480413,\"version\":2,\"jti\":\"3f1d2c4b-0a9e-4c7d-8b6a-5e4f3d2c1b0a\",\"client_id\":\""
                + "c".repeat(26) + "\"}";
        return (encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
    }
}
