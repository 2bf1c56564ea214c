package dev.gatehouse.observe;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One audited act: who did what to which resource, from where, when, and how it ended. Carries
 * identifiers only — never a secret, a token or a key (SECURITY §2.8).
 *
 * @param action  e.g. {@code CreateUserPoolClient}, {@code ClientAuthenticationFailed}, {@code SigningKeyRotated}
 * @param outcome {@code success}, or the error code that refused it
 * @param actor   the admin access key, client id, or {@code system}
 * @param source  the peer address the request came from, or {@code local}
 * @param target  the resource acted on (pool id, client id, kid), or null
 */
public record AuditEvent(Instant time, String action, String outcome, String actor, String source, String target,
                         Map<String, String> details) {

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static final String SUCCESS = "success";
}
