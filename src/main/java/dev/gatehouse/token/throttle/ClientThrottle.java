package dev.gatehouse.token.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.gatehouse.config.AbuseProtection;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.net.ClientAddress;
import dev.gatehouse.observe.AuditEvent;
import dev.gatehouse.observe.AuditLog;
import dev.gatehouse.token.TokenError;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The token issuer's abuse guard (RFC 6749 §2.3.1 "MUST protect against brute force", SECURITY
 * TE-20): failed client authentications are counted per source, per (client id, source) and per
 * client id; a key over its limit is refused with {@link TokenError#throttled} <em>before</em>
 * any secret is compared, and every penalty decays, so nothing is ever locked out for good.
 *
 * <ul>
 * <li>Keys use the client id as presented, whether or not it exists, so throttling answers the
 *     same for unknown and real clients (SECURITY TE-21).</li>
 * <li>A source with the right secret is never refused because of another source's failures: the
 *     per-client count does not block; once it is exceeded (a distributed guess) it only cuts
 *     sources that already failed for that client to one attempt per decay step. Blocking on it
 *     would let anyone who knows a client id — ids are not secret — lock that client out.</li>
 * <li>Each failure is one audit event {@value #AUDIT_ACTION}; refusals by the throttle are
 *     audited once per key per window, so an attack cannot flood the audit log.</li>
 * </ul>
 */
public final class ClientThrottle {

    public static final String AUDIT_ACTION = "ClientAuthenticationFailed";
    public static final String BAD_CREDENTIALS = "unknown_client_or_bad_secret";
    public static final String THROTTLED = "throttled";
    /** Cognito client ids are at most 128 characters; longer presented ids share a key. */
    private static final int MAX_ID = 128;
    private static final long MAX_KEYS = 100_000;

    private final AbuseProtection limits;
    private final FailureCounter perSource;
    private final FailureCounter perClientSource;
    private final FailureCounter perClient;
    private final IssuanceLimiter issuance;
    private final Cache<String, Boolean> auditedThrottles;
    private final AuditLog audit;
    private final Clock clock;

    public ClientThrottle(AbuseProtection limits, FailureCounter perSource, FailureCounter perClientSource,
                          FailureCounter perClient, IssuanceLimiter issuance, Ticker ticker, AuditLog audit, Clock clock) {
        this.limits = limits;
        this.perSource = perSource;
        this.perClientSource = perClientSource;
        this.perClient = perClient;
        this.issuance = issuance;
        this.auditedThrottles = Caffeine.newBuilder().executor(Runnable::run).maximumSize(MAX_KEYS)
                .expireAfterWrite(limits.failureWindow()).ticker(ticker).build();
        this.audit = audit;
        this.clock = clock;
    }

    /** This node's counters, in memory (see {@link FailureCounter} for a cluster). */
    public static ClientThrottle inMemory(AbuseProtection limits, Ticker ticker, AuditLog audit, Clock clock) {
        Duration window = limits.failureWindow();
        return new ClientThrottle(limits,
                new DecayingFailureCounter(window.dividedBy(limits.failuresPerSource()), limits.failuresPerSource(), MAX_KEYS, ticker),
                new DecayingFailureCounter(window.dividedBy(limits.failuresPerClientSource()), limits.failuresPerClientSource(), MAX_KEYS, ticker),
                new DecayingFailureCounter(window.dividedBy(limits.failuresPerClient()), limits.failuresPerClient(), MAX_KEYS, ticker),
                new TokenBuckets(MAX_KEYS, ticker), ticker, audit, clock);
    }

    /** Before any secret comparison: refuses a key that failed too often lately. */
    public void checkAttempt(String clientId, String source) {
        String id = bounded(clientId);
        String sourceKey = ClientAddress.throttleKey(source);
        boolean clientUnderAttack = perClient.retryAfterSeconds(id, limits.failuresPerClient()) > 0;
        long wait = Math.max(perSource.retryAfterSeconds(sourceKey, limits.failuresPerSource()),
                perClientSource.retryAfterSeconds(pair(id, sourceKey),
                        clientUnderAttack ? 1 : limits.failuresPerClientSource()));
        if (wait > 0) {
            if (auditedThrottles.asMap().putIfAbsent(pair(id, sourceKey), Boolean.TRUE) == null) {
                record(id, source, THROTTLED);
            }
            throw TokenError.throttled(wait);
        }
    }

    /** A presented id and secret that matched nothing: counted and audited. */
    public void failed(String clientId, String source) {
        String id = bounded(clientId);
        String sourceKey = ClientAddress.throttleKey(source);
        perSource.add(sourceKey);
        perClientSource.add(pair(id, sourceKey));
        perClient.add(id);
        record(id, source, BAD_CREDENTIALS);
    }

    /** A failure that proves the caller knew the secret (e.g. the wrong pool's domain): audited, not counted. */
    public void refused(String clientId, String source, String reason) {
        record(bounded(clientId), source, reason);
    }

    /** One token from the client's bucket ({@code own} null: the default limit), or throttled. */
    public void issue(String clientId, ClientRateLimit own) {
        long wait = issuance.acquire(clientId, own != null ? own : limits.clientRateLimit());
        if (wait > 0) {
            throw TokenError.throttled(wait);
        }
    }

    private void record(String clientId, String source, String reason) {
        audit.record(new AuditEvent(clock.instant(), AUDIT_ACTION, reason, clientId, source, clientId,
                Map.of("reason", reason)));
    }

    private static String pair(String clientId, String sourceKey) {
        return clientId + "\n" + sourceKey;
    }

    private static String bounded(String clientId) {
        return clientId.length() > MAX_ID ? clientId.substring(0, MAX_ID) : clientId;
    }
}
