package dev.gatehouse.token.throttle;

import dev.gatehouse.config.AbuseProtection;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.observe.AuditEvent;
import dev.gatehouse.token.TokenError;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The throttle's arithmetic on a fake clock: limits, decay, independence of sources, audit bounds. */
class ClientThrottleTest {

    private static final String CLIENT = "aaaaaaaaaaaaaaaaaaaaaaaaa1";
    private static final AbuseProtection LIMITS = AbuseProtection.DEFAULTS; // 60 / 10 / 100 per minute

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<AuditEvent> audit = new ArrayList<>();
    private final ClientThrottle throttle = ClientThrottle.inMemory(LIMITS, nanos::get, audit::add, Clock.systemUTC());

    @Test
    void attemptWhenTenFailuresFromOneSourceThenThrottledUntilOneDecays() {
        for (int i = 0; i < 10; i++) {
            throttle.checkAttempt(CLIENT, "192.0.2.1");
            throttle.failed(CLIENT, "192.0.2.1");
        }
        TokenError refused = catchThrowableOfType(() -> throttle.checkAttempt(CLIENT, "192.0.2.1"), TokenError.class);
        assertThat(refused.code()).isEqualTo(TokenError.Code.THROTTLED);
        assertThat(refused.code().wireName()).isEqualTo("temporarily_unavailable");
        assertThat(refused.retryAfterSeconds()).isEqualTo(6); // one failure decays every 60 s / 10
        // Another source, the same client: never blocked by this source's failures.
        throttle.checkAttempt(CLIENT, "192.0.2.2");
        // Another client id from the attacking source: allowed (per-source budget is 60).
        throttle.checkAttempt("bbbbbbbbbbbbbbbbbbbbbbbbb1", "192.0.2.1");
        advance(Duration.ofSeconds(6));
        throttle.checkAttempt(CLIENT, "192.0.2.1");
    }

    @Test
    void attemptWhenSixtyFailuresFromOneSourceOverManyIdsThenSourceThrottled() {
        for (int i = 0; i < 60; i++) {
            throttle.failed("client" + i, "192.0.2.1");
        }
        assertThatThrownBy(() -> throttle.checkAttempt("fresh", "192.0.2.1")).isInstanceOf(TokenError.class);
        throttle.checkAttempt("fresh", "192.0.2.9");
        advance(Duration.ofSeconds(1));
        throttle.checkAttempt("fresh", "192.0.2.1");
    }

    @Test
    void attemptWhenClientGuessedFromManySourcesThenFailedSourcesTightenedCleanSourcesNot() {
        for (int i = 0; i < 100; i++) {
            throttle.failed(CLIENT, "198.51.100." + i);
        }
        // Under attack: a source that already failed once is cut to one try per decay step ...
        assertThatThrownBy(() -> throttle.checkAttempt(CLIENT, "198.51.100.7")).isInstanceOf(TokenError.class);
        // ... while a source that never failed for it (the real client) is not.
        throttle.checkAttempt(CLIENT, "203.0.113.5");
        advance(Duration.ofSeconds(6));
        throttle.checkAttempt(CLIENT, "198.51.100.7");
    }

    @Test
    void attemptWhenIpv6SourcesInOneSlash64ThenOneKey() {
        for (int i = 0; i < 10; i++) {
            throttle.failed(CLIENT, "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertThatThrownBy(() -> throttle.checkAttempt(CLIENT, "2001:db8:1:2:ffff::1")).isInstanceOf(TokenError.class);
        throttle.checkAttempt(CLIENT, "2001:db8:1:3::1");
    }

    @Test
    void auditWhenFailuresAndThrottledAttemptsThenOneEventPerFailureAndOnePerThrottledWindow() {
        for (int i = 0; i < 10; i++) {
            throttle.failed(CLIENT, "192.0.2.1");
        }
        for (int i = 0; i < 500; i++) {
            assertThatThrownBy(() -> throttle.checkAttempt(CLIENT, "192.0.2.1")).isInstanceOf(TokenError.class);
        }
        assertThat(audit).hasSize(11);
        assertThat(audit.subList(0, 10)).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo("ClientAuthenticationFailed");
            assertThat(e.actor()).isEqualTo(CLIENT);
            assertThat(e.source()).isEqualTo("192.0.2.1");
            assertThat(e.details()).containsEntry("reason", "unknown_client_or_bad_secret");
        });
        assertThat(audit.get(10).details()).containsEntry("reason", "throttled");
        advance(Duration.ofSeconds(61));
        throttle.failed(CLIENT, "192.0.2.1"); // a new window: throttled attempts are audited again
        for (int i = 0; i < 10; i++) {
            throttle.failed(CLIENT, "192.0.2.1");
        }
        assertThatThrownBy(() -> throttle.checkAttempt(CLIENT, "192.0.2.1")).isInstanceOf(TokenError.class);
        assertThat(audit).hasSize(23);
    }

    @Test
    void issueWhenBurstSpentThenThrottledAndRefilledAtTheRate() {
        ClientRateLimit own = new ClientRateLimit(2, 3);
        for (int i = 0; i < 3; i++) {
            throttle.issue(CLIENT, own);
        }
        TokenError refused = catchThrowableOfType(() -> throttle.issue(CLIENT, own), TokenError.class);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        advance(Duration.ofMillis(500));
        throttle.issue(CLIENT, own);
        assertThatThrownBy(() -> throttle.issue(CLIENT, own)).isInstanceOf(TokenError.class);
        // The default: a burst of 100.
        for (int i = 0; i < 100; i++) {
            throttle.issue("other", null);
        }
        assertThatThrownBy(() -> throttle.issue("other", null)).isInstanceOf(TokenError.class);
    }

    @Test
    void counterWhenAttackerRotatesKeysThenMemoryBounded() {
        DecayingFailureCounter counter = new DecayingFailureCounter(Duration.ofSeconds(1), 60, 1_000, nanos::get);
        for (int i = 0; i < 50_000; i++) {
            counter.add("k" + i);
        }
        // Caffeine evicts asynchronously; what matters is that it stays near the bound.
        long present = 0;
        for (int i = 0; i < 50_000; i++) {
            present += counter.retryAfterSeconds("k" + i, 1) > 0 ? 1 : 0;
        }
        assertThat(present).isLessThan(5_000);
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
