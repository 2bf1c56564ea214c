package dev.gatehouse.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.config.AbuseProtection;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gatehouse.keys.RotationFixture.kid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3 "done when" and SECURITY F6 in one process: tokens are requested and verified
 * continuously while the pool's keys rotate twice. The verifier caches the JWKS and refreshes it
 * only every second — never on an unknown kid — so it succeeds only if every new key was published
 * before it signed (pre-publication 2 s &gt; cache 1 s) and every retired key stayed published.
 */
class RotationUnderLoadTest {

    private static final long JWKS_REFRESH_MILLIS = 1000;
    private static final int PRE_PUBLICATION_SECONDS = 2;

    /** A JWKS cache with a fixed lifetime, like a gateway's: no refetch when a kid is missing. */
    static final class PeriodicJwks implements JWKSource<SecurityContext> {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI uri;
        private final AtomicInteger fetches = new AtomicInteger();
        private volatile JWKSet keys;
        private volatile long fetchedAt;

        PeriodicJwks(URI uri) {
            this.uri = uri;
        }

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) {
            return selector.select(current());
        }

        private synchronized JWKSet current() {
            if (keys == null || System.currentTimeMillis() - fetchedAt >= JWKS_REFRESH_MILLIS) {
                try {
                    keys = JWKSet.parse(http.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString()).body());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                fetchedAt = System.currentTimeMillis();
                fetches.incrementAndGet();
            }
            return keys;
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rotateWhenTokensFlowContinuouslyThenNoRequestAndNoVerificationFails(TestDatabase database) throws Exception {
        // The loop issues tokens as fast as it can; it measures rotation, not the per-client issuance limit.
        try (TestServer server = TestServer.start(database, config -> config.withAbuseProtection(
                AbuseProtection.DEFAULTS.withClientRateLimit(new ClientRateLimit(100_000, 100_000))))) {
            RotationFixture pool = RotationFixture.create(server);
            pool.prePublication(PRE_PUBLICATION_SECONDS);
            PeriodicJwks jwks = new PeriodicJwks(URI.create(server.issuer(pool.poolId) + "/.well-known/jwks.json"));
            DefaultJWTProcessor<SecurityContext> verifier = RotationFixture.processor(jwks);

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger requests = new AtomicInteger();
            AtomicInteger verified = new AtomicInteger();
            List<String> failures = new CopyOnWriteArrayList<>();
            Set<String> kidsSeen = ConcurrentHashMap.newKeySet();
            Thread load = new Thread(() -> {
                while (running.get()) {
                    requests.incrementAndGet();
                    try {
                        HttpResponse<String> response = pool.tokenResponse();
                        if (response.statusCode() != 200) {
                            failures.add("request: " + response.statusCode() + " " + response.body());
                            continue;
                        }
                        String token = RotationFixture.JSON.readTree(response.body()).path("access_token").asText();
                        kidsSeen.add(RotationFixture.kidOf(token));
                        try {
                            verifier.process(token, null);
                            verified.incrementAndGet();
                        } catch (Exception e) {
                            failures.add("verification of kid " + RotationFixture.kidOf(token) + ": " + e.getMessage());
                        }
                    } catch (Exception e) {
                        failures.add("request: " + e);
                    }
                }
            }, "token-load");
            load.start();
            try {
                Thread.sleep(500);
                for (int rotation = 1; rotation <= 2; rotation++) {
                    String newKid = kid(pool.rotate(false), "access");
                    RotationFixture.await(Duration.ofSeconds(15), () -> kidsSeen.contains(newKid),
                            "tokens signed with the new key of rotation " + newKid);
                    Thread.sleep(300);
                }
            } finally {
                running.set(false);
                load.join(10_000);
            }

            assertThat(failures).as("failed requests and verifications").isEmpty();
            assertThat(kidsSeen).as("the original key and the keys of both rotations signed tokens").hasSize(3);
            assertThat(verified.get()).isEqualTo(requests.get()).isGreaterThan(50);
            assertThat(jwks.fetches.get()).as("the verifier really refreshed its cache").isGreaterThanOrEqualTo(4);
            assertThat(pool.jwksKids()).as("both retired keys are still published").hasSize(6);
        }
    }
}
