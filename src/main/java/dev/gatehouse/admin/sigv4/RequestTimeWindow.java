package dev.gatehouse.admin.sigv4;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * AWS SigV4: "a request must reach AWS within five minutes of the time stamp in the request", both
 * ways, with AWS's own messages (IAM UserGuide, signature-v4-troubleshooting).
 */
final class RequestTimeWindow {

    static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);

    private final Clock clock;

    RequestTimeWindow(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void check(AmzDate requestDate) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant earliest = now.minus(ALLOWED_SKEW);
        Instant latest = now.plus(ALLOWED_SKEW);
        if (requestDate.instant().isBefore(earliest)) {
            throw SigV4Exception.invalidSignature("Signature expired: " + requestDate.text() + " is now earlier than "
                    + AmzDate.format(earliest) + " (" + AmzDate.format(now) + " - 5 min.)");
        }
        if (requestDate.instant().isAfter(latest)) {
            throw SigV4Exception.invalidSignature("Signature not yet current: " + requestDate.text() + " is still later than "
                    + AmzDate.format(latest) + " (" + AmzDate.format(now) + " + 5 min.)");
        }
    }
}
