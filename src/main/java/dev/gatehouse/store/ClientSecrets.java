package dev.gatehouse.store;

import dev.gatehouse.model.ClientSecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One app client's active secrets as the {@link Directory} holds them: still sealed as read, and
 * opened and digested on the client's first authentication, once. Start-up then reads 100,000
 * secrets without opening any (docs/security.md). Safe for any number of threads: the first caller
 * opens under this object's lock, every later one reads the published digests without it.
 */
public final class ClientSecrets {

    /** One secret as read from the store, not yet opened. */
    public interface Sealed {

        String secretId();

        /**
         * The plaintext, or empty when the sealed value does not open (copied from another row,
         * or altered): that secret must then never authenticate anyone. The implementation logs
         * the refusal, naming the row and never its value.
         */
        Optional<String> open();
    }

    public static final ClientSecrets NONE = new ClientSecrets(List.of(), List.of(), List.of());

    /** Guarded by {@code this}; dropped once opened so the sealed values do not stay in memory twice. */
    private List<? extends Sealed> sealed;
    private final List<String> secretIds;
    /** Null until the first {@link #digests()}; then immutable, published by the volatile write. */
    private volatile List<byte[]> digests;

    private ClientSecrets(List<String> secretIds, List<? extends Sealed> sealed, List<byte[]> digests) {
        this.secretIds = secretIds;
        this.sealed = sealed;
        this.digests = digests;
    }

    /** Secrets still sealed, in the client's order; none is opened until {@link #digests()}. */
    public static ClientSecrets sealed(List<? extends Sealed> secrets) {
        if (secrets.isEmpty()) {
            return NONE;
        }
        List<String> ids = new ArrayList<>(secrets.size());
        for (Sealed secret : secrets) {
            ids.add(secret.secretId());
        }
        return new ClientSecrets(List.copyOf(ids), List.copyOf(secrets), null);
    }

    /** Secrets in plaintext (tests, tools): digested at once, so no plaintext stays in the directory. */
    public static ClientSecrets of(List<ClientSecret> secrets) {
        List<String> ids = new ArrayList<>(secrets.size());
        List<byte[]> digests = new ArrayList<>(secrets.size());
        for (ClientSecret secret : secrets) {
            ids.add(secret.secretId());
            digests.add(Directory.digest(secret.value()));
        }
        return new ClientSecrets(List.copyOf(ids), List.of(), List.copyOf(digests));
    }

    /** The ids of the secrets as read, including any that will not open (not secret). */
    public List<String> secretIds() {
        return secretIds;
    }

    /**
     * SHA-256 digests of the secrets that open, in order; the first call opens them. A secret
     * that does not open has no digest, so it authenticates no one.
     */
    public List<byte[]> digests() {
        List<byte[]> opened = digests;
        if (opened == null) {
            synchronized (this) {
                opened = digests;
                if (opened == null) {
                    opened = open(sealed);
                    digests = opened;
                    sealed = null;
                }
            }
        }
        return opened;
    }

    /** Whether the secrets were opened yet (for tests and diagnostics; says nothing about them). */
    public boolean opened() {
        return digests != null;
    }

    private static List<byte[]> open(List<? extends Sealed> secrets) {
        List<byte[]> out = new ArrayList<>(secrets.size());
        for (Sealed secret : secrets) {
            secret.open().ifPresent(value -> out.add(Directory.digest(value)));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "ClientSecrets" + secretIds;
    }
}
