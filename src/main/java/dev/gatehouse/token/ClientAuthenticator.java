package dev.gatehouse.token;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.Ids;
import dev.gatehouse.store.Directory;

import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a client id and secret against the in-memory directory in constant time (SECURITY
 * TE-21): the presented secret is hashed once and its SHA-256 digest compared with
 * {@link MessageDigest#isEqual} against as many digests as a client can hold, padding with a
 * random dummy digest, so an unknown client, a client with one secret and a client with two all
 * cost the same work and fail the same way.
 */
public final class ClientAuthenticator {

    /** A client id and secret exactly as presented (byte-exact: no trimming, no case folding). */
    public record Credentials(String clientId, String secret) {

        public Credentials {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Credentials[" + clientId + "]";
        }
    }

    /** Never the digest of any string anyone knows: unknown clients compare against this. */
    private final byte[] dummyDigest = Ids.randomBytes(32);

    /**
     * The authenticated client, or {@link TokenError.Code#INVALID_CLIENT}. {@code alternative}
     * (may be null) is tried only when {@code primary} fails: the single form-url-decoding of
     * Basic credentials (SPEC §1.3, DESIGN §8).
     */
    public AppClient authenticate(Directory directory, Credentials primary, Credentials alternative) {
        Optional<AppClient> client = match(directory, primary);
        if (client.isEmpty() && alternative != null) {
            client = match(directory, alternative);
        }
        return client.orElseThrow(TokenError::invalidClient);
    }

    private Optional<AppClient> match(Directory directory, Credentials credentials) {
        Optional<Directory.ClientEntry> entry = directory.client(credentials.clientId());
        List<byte[]> digests = entry.map(Directory.ClientEntry::secretDigests).orElse(List.of());
        byte[] presented = Directory.digest(credentials.secret());
        boolean matched = false;
        for (int i = 0; i < Math.max(AppClient.MAX_SECRETS, digests.size()); i++) {
            byte[] expected = i < digests.size() ? digests.get(i) : dummyDigest;
            // Non-short-circuit OR: every comparison runs whatever the outcome.
            matched |= MessageDigest.isEqual(presented, expected) & i < digests.size();
        }
        return matched ? entry.map(Directory.ClientEntry::client) : Optional.empty();
    }
}
