package dev.gatehouse.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One of an app client's (at most two) active secrets. {@code value} is plaintext in memory only;
 * the store seals it at rest. {@code toString} never shows it.
 *
 * @param secretId  {@code {clientId}--{epoch millis}} (Cognito API: ClientSecretIdType)
 * @param generated whether Gatehouse generated the value (only then AddUserPoolClientSecret returns it)
 */
public record ClientSecret(String secretId, String clientId, String value, boolean generated, Instant creationDate) {

    public static final int MIN_LENGTH = 24;
    public static final int MAX_LENGTH = 64;

    public ClientSecret {
        Objects.requireNonNull(secretId, "secretId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(creationDate, "creationDate");
    }

    public static ClientSecret create(String clientId, String value, boolean generated, Instant now) {
        return new ClientSecret(clientId + "--" + now.toEpochMilli(), clientId, value, generated, now);
    }

    @Override
    public String toString() {
        return "ClientSecret[" + secretId + "]";
    }
}
