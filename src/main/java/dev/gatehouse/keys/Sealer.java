package dev.gatehouse.keys;

import dev.gatehouse.store.SecretCodec;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * AES-256-GCM sealing of secrets at rest (DESIGN §3, SECURITY LG-04). A sealed value is
 * {@code v1.<master key id>.<base64(nonce | ciphertext | tag)>}; the row context is the AAD, so a
 * value moved to another row fails to open.
 */
public final class Sealer implements SecretCodec {

    private static final String PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** v1, a 16-hex-digit master key id, then standard base64 of at least nonce and tag. */
    private static final Pattern FORMAT = Pattern.compile("^v1\\.[0-9a-f]{16}\\.[A-Za-z0-9+/]{38,}={0,2}$");

    /**
     * Values of at least this many bytes (RSA private keys, ~1.2 KB) go through the native AES-GCM
     * where it loads: in a JVM that just started, the JDK's GCM hashes (GHASH) in interpreted Java,
     * and opening the scale set's 20,000 keys took ~0.5 s more of start-up that way. Shorter values
     * (client secrets, EC keys, the master-key canary) stay with the JDK's, as quick for them, so a
     * start with no such keys does not load the native library before it is ready.
     */
    static final int NATIVE_FROM_BYTES = 256;

    private final MasterKey masterKey;
    private final SecretKeySpec keySpec;
    private final SecureRandom random = new SecureRandom();
    private final int nativeFromBytes;
    /**
     * One Cipher per thread and provider: Cipher.getInstance (a provider look-up) costs far more
     * than sealing a short secret. Each use re-inits it with a fresh nonce, so nothing of one value
     * carries over to the next.
     */
    private final ThreadLocal<Cipher> jdkCiphers = ThreadLocal.withInitial(() -> newCipher(Optional.empty()));
    private final ThreadLocal<Cipher> nativeCiphers;

    public Sealer(MasterKey masterKey) {
        this(masterKey, CryptoProvider::aes, NATIVE_FROM_BYTES);
    }

    /**
     * @param nativeProvider  the provider for values of {@code nativeFromBytes} or more, asked only
     *                        when the first such value comes; empty for the JDK's (same sealed format)
     */
    Sealer(MasterKey masterKey, Supplier<Optional<Provider>> nativeProvider, int nativeFromBytes) {
        this.masterKey = masterKey;
        this.keySpec = new SecretKeySpec(masterKey.key(), "AES");
        this.nativeFromBytes = nativeFromBytes;
        this.nativeCiphers = ThreadLocal.withInitial(() -> newCipher(nativeProvider.get()));
    }

    private Cipher cipherFor(int bytes) {
        return (bytes >= nativeFromBytes ? nativeCiphers : jdkCiphers).get();
    }

    @Override
    public String seal(byte[] plaintext, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = cipherFor(plaintext.length);
            cipher.init(Cipher.ENCRYPT_MODE, keySpec, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + masterKey.id() + "." + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    @Override
    public boolean isSealed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** The id of the master key this sealer seals under. */
    public String keyId() {
        return masterKey.id();
    }

    @Override
    public byte[] open(String sealed, String context) {
        if (!sealed.startsWith(PREFIX)) {
            throw new SealException("a sealed value has an unknown format");
        }
        int dot = sealed.indexOf('.', PREFIX.length());
        if (dot < 0) {
            throw new SealException("a sealed value has an unknown format");
        }
        String keyId = sealed.substring(PREFIX.length(), dot);
        if (!keyId.equals(masterKey.id())) {
            throw new SealException("a value was sealed under master key " + keyId
                    + " but the configured master key is " + masterKey.id());
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(dot + 1));
            Cipher cipher = cipherFor(in.length - NONCE_BYTES);
            cipher.init(Cipher.DECRYPT_MODE, keySpec, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealException("a sealed value does not open under the configured master key");
        }
    }

    private static Cipher newCipher(Optional<Provider> provider) {
        try {
            return provider.isPresent() ? Cipher.getInstance("AES/GCM/NoPadding", provider.get())
                    : Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is required of every JDK", e);
        }
    }

    /** A sealed value that does not open: wrong key, or tampered. Never carries key material. */
    public static final class SealException extends SecretCodec.OpenFailure {
        public SealException(String message) {
            super(message);
        }
    }
}
