package dev.gatehouse.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How a pool's signing keys rotate (Gatehouse's own setting; Cognito never rotates them).
 *
 * @param rotationPeriodDays     rotate automatically when the active key is this old; null = never
 * @param prePublicationSeconds  how long a new key is published before it signs; null = the server's
 *                               default ({@code --key-pre-publication})
 * @param algorithm              the algorithm of the keys the next rotation makes; keys already made keep
 *                               theirs, so a change takes effect, pre-published, at the next rotation
 */
public record SigningKeyPolicy(Integer rotationPeriodDays, Integer prePublicationSeconds, SigningAlgorithm algorithm) {

    public static final SigningKeyPolicy DEFAULT = new SigningKeyPolicy(null, null, SigningAlgorithm.DEFAULT);
    public static final int MAX_ROTATION_PERIOD_DAYS = 3650;
    /** Longer than any sensible JWKS cache; a longer wait would only delay the rotation. */
    public static final int MAX_PRE_PUBLICATION_SECONDS = 30 * 24 * 3600;

    public SigningKeyPolicy {
        Objects.requireNonNull(algorithm, "algorithm");
        if (rotationPeriodDays != null && (rotationPeriodDays < 1 || rotationPeriodDays > MAX_ROTATION_PERIOD_DAYS)) {
            throw Failure.invalidParameter("RotationPeriodDays must be between 1 and " + MAX_ROTATION_PERIOD_DAYS
                    + ", or 0 to turn automatic rotation off.");
        }
        if (prePublicationSeconds != null && (prePublicationSeconds < 0 || prePublicationSeconds > MAX_PRE_PUBLICATION_SECONDS)) {
            throw Failure.invalidParameter("PrePublicationSeconds must be between 0 and " + MAX_PRE_PUBLICATION_SECONDS + ".");
        }
    }

    /** A policy with the default algorithm (RS256, as Cognito). */
    public SigningKeyPolicy(Integer rotationPeriodDays, Integer prePublicationSeconds) {
        this(rotationPeriodDays, prePublicationSeconds, SigningAlgorithm.DEFAULT);
    }

    /**
     * The policy a SetSigningKeyPolicy input asks for: a rotation period of 0 turns rotation off, an
     * absent algorithm is the default.
     */
    public static SigningKeyPolicy of(Integer rotationPeriodDays, Integer prePublicationSeconds, SigningAlgorithm algorithm) {
        return new SigningKeyPolicy(rotationPeriodDays != null && rotationPeriodDays == 0 ? null : rotationPeriodDays,
                prePublicationSeconds, algorithm == null ? SigningAlgorithm.DEFAULT : algorithm);
    }

    public Duration prePublication(Duration serverDefault) {
        return prePublicationSeconds == null ? serverDefault : Duration.ofSeconds(prePublicationSeconds);
    }
}
