package dev.gatehouse.config;

import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.net.Cidr;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The token endpoint's defences against abuse (SECURITY TE-20, TE-22, F9; docs/abuse-protection.md).
 *
 * @param trustedProxies          peers whose {@code X-Forwarded-For} is believed; empty: none
 * @param clientRateLimit         issuance limit for app clients without their own (SetClientRateLimit)
 * @param failuresPerSource       failed authentications one source address may make per window
 * @param failuresPerClientSource failed authentications for one client id from one source per window
 * @param failuresPerClient       failed authentications for one client id from all sources per
 *                                window; beyond it, sources that failed for that client get one try
 *                                per decay step — it tightens, it never blocks a clean source
 * @param failureWindow           the window; each failure decays after {@code window / limit}
 * @param headerTimeout           a request head must arrive within this time of the connection
 *                                opening or the previous response (slow-loris, SECURITY F9)
 */
public record AbuseProtection(List<Cidr> trustedProxies, ClientRateLimit clientRateLimit, int failuresPerSource,
                              int failuresPerClientSource, int failuresPerClient, Duration failureWindow,
                              Duration headerTimeout) {

    /**
     * 60 failures per source per minute: many legitimate clients can share one NAT or egress
     * address, and one misconfigured client must not lock all of them out; 10 per client and
     * source: a real client with a wrong secret notices long before; 100 per client overall.
     */
    public static final AbuseProtection DEFAULTS = new AbuseProtection(List.of(), ClientRateLimit.DEFAULT,
            60, 10, 100, Duration.ofMinutes(1), Duration.ofSeconds(10));

    public AbuseProtection {
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(clientRateLimit, "clientRateLimit");
        Objects.requireNonNull(failureWindow, "failureWindow");
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        if (failuresPerSource < 1 || failuresPerClientSource < 1 || failuresPerClient < 1) {
            throw new IllegalArgumentException("failure limits must be at least 1");
        }
        if (failureWindow.isNegative() || failureWindow.isZero() || headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new IllegalArgumentException("windows and timeouts must be positive");
        }
    }

    /** {@code CIDR[,CIDR…]}; blank means none. */
    public static List<Cidr> parseTrustedProxies(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return java.util.Arrays.stream(text.split(",")).map(Cidr::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--trusted-proxies: " + e.getMessage());
        }
    }

    public AbuseProtection withTrustedProxies(List<Cidr> proxies) {
        return new AbuseProtection(proxies, clientRateLimit, failuresPerSource, failuresPerClientSource,
                failuresPerClient, failureWindow, headerTimeout);
    }

    public AbuseProtection withClientRateLimit(ClientRateLimit limit) {
        return new AbuseProtection(trustedProxies, limit, failuresPerSource, failuresPerClientSource,
                failuresPerClient, failureWindow, headerTimeout);
    }

    public AbuseProtection withHeaderTimeout(Duration timeout) {
        return new AbuseProtection(trustedProxies, clientRateLimit, failuresPerSource, failuresPerClientSource,
                failuresPerClient, failureWindow, timeout);
    }
}
