package dev.gatehouse.keys;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
import java.util.Optional;

/**
 * Picks the provider for RSA and EC: the AWS-LC-backed ACCP where its native library loads (Linux
 * x86-64 and aarch64), about three times the JDK's RSA signing rate; the JDK's own provider elsewhere.
 */
public final class CryptoProvider {

    private static final Logger LOG = LoggerFactory.getLogger(CryptoProvider.class);
    private static final Optional<Provider> NATIVE = loadNative();

    private CryptoProvider() {
    }

    /** The native provider, or empty to use the JDK's default. */
    public static Optional<Provider> rsa() {
        return NATIVE;
    }

    /** The native provider for EC (P-256) as for RSA, or empty to use the JDK's default. */
    public static Optional<Provider> ec() {
        return NATIVE;
    }

    /** The native provider for AES-GCM (sealing), or empty to use the JDK's default. */
    public static Optional<Provider> aes() {
        return NATIVE;
    }

    /** {@code Signature.getInstance(algorithm)} from the native provider when there is one. */
    public static Signature signature(String algorithm) throws NoSuchAlgorithmException {
        return NATIVE.isPresent() ? Signature.getInstance(algorithm, NATIVE.get()) : Signature.getInstance(algorithm);
    }

    /** {@code KeyFactory.getInstance(algorithm)} from the native provider when there is one. */
    public static KeyFactory keyFactory(String algorithm) throws NoSuchAlgorithmException {
        return NATIVE.isPresent() ? KeyFactory.getInstance(algorithm, NATIVE.get()) : KeyFactory.getInstance(algorithm);
    }

    /** {@code KeyPairGenerator.getInstance(algorithm)} from the native provider when there is one. */
    public static KeyPairGenerator keyPairGenerator(String algorithm) throws NoSuchAlgorithmException {
        return NATIVE.isPresent() ? KeyPairGenerator.getInstance(algorithm, NATIVE.get())
                : KeyPairGenerator.getInstance(algorithm);
    }

    public static String describe() {
        return NATIVE.map(p -> p.getName() + " " + p.getVersionStr() + " (AWS-LC, native)")
                .orElse("JDK default provider (native AWS-LC provider unavailable on this platform)");
    }

    private static Optional<Provider> loadNative() {
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            if (provider.getLoadingError() != null) {
                LOG.debug("ACCP unavailable", provider.getLoadingError());
                return Optional.empty();
            }
            provider.assertHealthy();
            return Optional.of(provider);
        } catch (Throwable e) { // UnsatisfiedLinkError and friends on unsupported platforms
            LOG.debug("ACCP unavailable", e);
            return Optional.empty();
        }
    }
}
