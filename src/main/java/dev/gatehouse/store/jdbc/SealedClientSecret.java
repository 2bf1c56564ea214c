package dev.gatehouse.store.jdbc;

import dev.gatehouse.store.ClientSecrets;
import dev.gatehouse.store.SecretCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;

/**
 * A {@code client_secret} row as start-up and pool refreshes read it: still sealed, opened only
 * when the directory first needs the client's digests. {@link #open(SecretCodec, String, String, String)}
 * is also how every other read of a secret opens it, so a row that does not open is refused and
 * logged the same way wherever it is read.
 */
final class SealedClientSecret implements ClientSecrets.Sealed {

    private static final Logger LOG = LoggerFactory.getLogger(SealedClientSecret.class);

    /** A client's secrets in creation order (the order DescribeUserPoolClient and the API list them in). */
    static final Comparator<SealedClientSecret> ORDER =
            Comparator.comparingLong((SealedClientSecret s) -> s.createdAtMillis).thenComparing(s -> s.secretId);

    private final String secretId;
    private final String clientId;
    private final String sealedValue;
    private final long createdAtMillis;
    private final SecretCodec codec;

    SealedClientSecret(String secretId, String clientId, String sealedValue, long createdAtMillis, SecretCodec codec) {
        this.secretId = secretId;
        this.clientId = clientId;
        this.sealedValue = sealedValue;
        this.createdAtMillis = createdAtMillis;
        this.codec = codec;
    }

    @Override
    public String secretId() {
        return secretId;
    }

    String clientId() {
        return clientId;
    }

    @Override
    public Optional<String> open() {
        return open(codec, clientId, secretId, sealedValue).map(value -> new String(value, StandardCharsets.UTF_8));
    }

    /**
     * The row's plaintext, or empty when its sealed value does not open (moved from another row, or
     * tampered): then it is left out and logged rather than failing anything else, so the client
     * loses only that secret, no other pool stops serving, and no wrong secret is ever served
     * (docs/security.md).
     */
    static Optional<byte[]> open(SecretCodec codec, String clientId, String secretId, String sealedValue) {
        try {
            return Optional.of(codec.open(sealedValue, SealContexts.clientSecret(clientId, secretId)));
        } catch (SecretCodec.OpenFailure e) {
            LOG.error("Client secret {} of app client {} is left out: its sealed value does not open ({}). "
                    + "It was copied from another row or altered in the database.", secretId, clientId, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "SealedClientSecret[" + secretId + "]";
    }
}
