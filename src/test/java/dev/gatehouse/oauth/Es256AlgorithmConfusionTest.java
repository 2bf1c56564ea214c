package dev.gatehouse.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import dev.gatehouse.keys.EcdsaSignatures;
import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.SigningAlgorithm;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.server.Components;
import dev.gatehouse.store.Directory;
import dev.gatehouse.testing.SignedHttp;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.token.TokenRefusal;
import dev.gatehouse.token.TokenVerification;
import dev.gatehouse.token.VerifiedAccessToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.oauth.OAuthFixtures.CID_A;
import static dev.gatehouse.oauth.OAuthFixtures.POOL_A;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_A;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool switched to ES256 (SetSigningKeyPolicy, then a rotation) publishes a P-256 key and a
 * retired RSA key side by side: the verifier pins each kid to its own key's algorithm, whatever the
 * header says (SECURITY JW-10, RFC 8725 §3.1), and reads ES256 signatures only in their JWS form
 * (64 bytes, r and s in [1, n − 1]; CVE-2022-21449). Each hostile token gets the exact refusal that
 * names its flaw, and controls signed with the same keys verify, so the refusal is the mutation's.
 */
class Es256AlgorithmConfusionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void verifyWhenPoolSignsWithEs256ThenItsTokensVerifyAndEveryAlgorithmConfusionIsRefused(TestDatabase database)
            throws Exception {
        try (TestServer server = TestServer.start(database)) {
            OAuthFixtures.create(server);
            String rsaToken = RevocationHttp.token(server, CID_A, SEC_A);
            gatehouse(server, "SetSigningKeyPolicy",
                    "{\"UserPoolId\":\"" + POOL_A + "\",\"SigningAlgorithm\":\"ES256\",\"PrePublicationSeconds\":0}");
            gatehouse(server, "RotateSigningKeys", "{\"UserPoolId\":\"" + POOL_A + "\"}");
            String ecToken = awaitEs256Token(server);

            Components c = server.server().components();
            Directory.PoolEntry pool = c.directory().current().pool(POOL_A).orElseThrow();
            Instant now = Instant.now();
            SigningKey ecKey = pool.activeKey(KeyPurpose.ACCESS, now).orElseThrow();
            assertThat(ecKey.algorithm()).isEqualTo(SigningAlgorithm.ES256);
            SigningKey rsaKey = pool.publishedKeys(now).stream()
                    .filter(key -> key.purpose() == KeyPurpose.ACCESS && key.algorithm() == SigningAlgorithm.RS256)
                    .findFirst().orElseThrow();
            JWSSigner ecSigner = c.signingKeys().signer(ecKey);
            JWSSigner rsaSigner = c.signingKeys().signer(rsaKey);
            AccessTokenVerifier verifier = new AccessTokenVerifier(c.directory(), c::issuerBaseUrl, Clock.systemUTC());

            String[] parts = ecToken.split("\\.");
            assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
                    .isEqualTo("{\"kid\":\"" + ecKey.kid() + "\",\"alg\":\"ES256\"}");
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            assertThat(signature).as("JWS R || S, not DER").hasSize(64);

            String ecHeader = header("ES256", ecKey.kid());
            String rsaHeader = header("RS256", rsaKey.kid());
            String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            // Controls: the real tokens of both keys, and the harness's signatures with both keys, verify.
            assertThat(verifier.verify(ecToken)).isInstanceOf(VerifiedAccessToken.class);
            assertThat(verifier.verify(rsaToken)).as("the retired RSA key's token").isInstanceOf(VerifiedAccessToken.class);
            assertThat(verifier.verify(sign(ecHeader, claims, ecSigner, JWSAlgorithm.ES256))).isInstanceOf(VerifiedAccessToken.class);
            assertThat(verifier.verify(sign(rsaHeader, claims, rsaSigner, JWSAlgorithm.RS256))).isInstanceOf(VerifiedAccessToken.class);

            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair attacker = generator.generateKeyPair();
            JWSSigner attackerSigner = new ECDSASigner((ECPrivateKey) attacker.getPrivate());
            ECPublicKey ecPublic = (ECPublicKey) SigningKeys.publicKey(ecKey);
            String input = parts[0] + "." + parts[1] + ".";
            byte[] n = unsigned32(EcdsaSignatures.P256_ORDER);
            byte[] rZero = signature.clone();
            Arrays.fill(rZero, 0, 32, (byte) 0);
            byte[] sZero = signature.clone();
            Arrays.fill(sZero, 32, 64, (byte) 0);
            byte[] bothN = new byte[64];
            System.arraycopy(n, 0, bothN, 0, 32);
            System.arraycopy(n, 0, bothN, 32, 32);
            byte[] flipped = signature.clone();
            flipped[40] ^= 0x01;
            byte[] padded = new byte[65];
            System.arraycopy(signature, 0, padded, 1, 64);

            Map<String, Expectation> cases = new LinkedHashMap<>();
            TokenRefusal alg = TokenRefusal.UNSUPPORTED_ALGORITHM;
            TokenRefusal bad = TokenRefusal.BAD_SIGNATURE;
            cases.put("RS256 header, EC kid, signed by the pool's RSA key",
                    refused(sign(header("RS256", ecKey.kid()), claims, rsaSigner, JWSAlgorithm.RS256), alg));
            cases.put("RS256 header, EC kid, the EC key's signature",
                    refused(sign(header("RS256", ecKey.kid()), claims, ecSigner, JWSAlgorithm.ES256), alg));
            cases.put("ES256 header, RSA kid, signed by the pool's EC key",
                    refused(sign(header("ES256", rsaKey.kid()), claims, ecSigner, JWSAlgorithm.ES256), alg));
            cases.put("ES256 header, RSA kid, the RSA key's signature",
                    refused(sign(header("ES256", rsaKey.kid()), claims, rsaSigner, JWSAlgorithm.RS256), alg));
            cases.put("ES256 header, RSA kid, zero signature (JW-10)",
                    refused(b64(header("ES256", rsaKey.kid())) + "." + parts[1] + "." + "A".repeat(86), alg));
            cases.put("DER-encoded signature of the EC key", refused(input + b64(der(signature)), bad));
            cases.put("zero signature, 64 bytes (CVE-2022-21449)", refused(input + b64(new byte[64]), bad));
            cases.put("zero signature, DER form (JW-10)", refused(input + "MAYCAQACAQA", bad));
            cases.put("r = 0", refused(input + b64(rZero), bad));
            cases.put("s = 0", refused(input + b64(sZero), bad));
            cases.put("r = s = n", refused(input + b64(bothN), bad));
            cases.put("bit flipped", refused(input + b64(flipped), bad));
            cases.put("truncated to 63 bytes", refused(input + b64(Arrays.copyOf(signature, 63)), bad));
            cases.put("left-padded to 65 bytes", refused(input + b64(padded), bad));
            cases.put("attacker P-256 key, pool's EC kid", refused(sign(ecHeader, claims, attackerSigner, JWSAlgorithm.ES256), bad));
            cases.put("HS256 keyed with the EC public key (DER)",
                    refused(hmac(header("HS256", ecKey.kid()), claims, ecPublic.getEncoded()), alg));
            cases.put("HS256 keyed with the EC public JWK",
                    refused(hmac(header("HS256", ecKey.kid()), claims, new ECKey.Builder(Curve.P_256, ecPublic)
                            .keyID(ecKey.kid()).build().toJSONString().getBytes(StandardCharsets.UTF_8)), alg));
            for (String other : List.of("none", "ES384", "ES512", "ES256K", "es256", "PS256", "EdDSA")) {
                cases.put(other + " header, EC kid, real signature",
                        refused(b64(header(other, ecKey.kid())) + "." + parts[1] + "." + parts[2], alg));
            }
            String attackerJwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) attacker.getPublic()).build().toJSONString();
            cases.put("embedded jwk of the attacker's key", refused(sign("{\"alg\":\"ES256\",\"kid\":\"" + ecKey.kid()
                    + "\",\"jwk\":" + attackerJwk + "}", claims, attackerSigner, JWSAlgorithm.ES256), alg));

            List<String> failures = new ArrayList<>();
            cases.forEach((name, expectation) -> {
                TokenVerification verdict;
                try {
                    verdict = verifier.verify(expectation.token());
                } catch (RuntimeException e) {
                    failures.add(name + " threw " + e);
                    return;
                }
                if (verdict != expectation.refusal()) {
                    failures.add(name + ": " + verdict + ", expected " + expectation.refusal());
                }
            });
            assertThat(failures).isEmpty();
            assertThat(cases).hasSize(25);
        }
    }

    private record Expectation(String token, TokenRefusal refusal) {
    }

    private static Expectation refused(String token, TokenRefusal refusal) {
        return new Expectation(token, refusal);
    }

    private static void gatehouse(TestServer server, String operation, String body) throws Exception {
        HttpResponse<String> response = SignedHttp.cognito(server, "GatehouseService." + operation,
                "application/x-amz-json-1.1", body);
        assertThat(response.statusCode()).as(operation + " " + response.body()).isEqualTo(200);
    }

    /** The new ES256 key signs from the next whole second (pre-publication 0, rounded up). */
    private static String awaitEs256Token(TestServer server) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            String token = RevocationHttp.token(server, CID_A, SEC_A);
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    StandardCharsets.UTF_8);
            if (JSON.readTree(header).path("alg").asText().equals("ES256")) {
                return token;
            }
            assertThat(System.nanoTime()).as("an ES256 token within 10 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String header(String alg, String kid) {
        return "{\"kid\":\"" + kid + "\",\"alg\":\"" + alg + "\"}";
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    /** Signs {@code header.claims} with {@code signer}, whatever algorithm the header names. */
    private static String sign(String header, String claims, JWSSigner signer, JWSAlgorithm signerAlgorithm) throws Exception {
        String input = b64(header) + "." + b64(claims);
        return input + "." + signer.sign(new JWSHeader(signerAlgorithm), input.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(String header, String claims, byte[] key) throws Exception {
        String input = b64(header) + "." + b64(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The DER form a JCA provider would have produced for this JWS signature. */
    private static byte[] der(byte[] jose) {
        byte[] der = EcdsaSignatures.joseToDer(jose);
        assertThat(der).isNotNull().hasSizeGreaterThan(64);
        return der;
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
    }
}
