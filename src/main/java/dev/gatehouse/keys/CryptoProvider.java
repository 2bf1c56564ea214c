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
 * The choice is made at the first use and logged at the first key or signature work: loading ACCP (its
 * 9.6 MB native library and its self-tests) was about 5 % of a fresh start's CPU, spent before the
 * listener was up only to name it in the banner (issue 5).
 */
public final class CryptoProvider {

    private static final Logger LOG = LoggerFactory.getLogger(CryptoProvider.class);
    private static volatile boolean chosen;

    /** Initialised by the JVM at its first use, which makes the choice. */
    private static final class Chosen {
        static final Optional<Provider> NATIVE = loadNative();

        static {
            chosen = true;
        }
    }

    /** The choice, for key and signature work: the first such use logs it ({@link #describe} alone does not). */
    private static final class InUse {
        static final Optional<Provider> NATIVE = Chosen.NATIVE;

        static {
            LOG.info("Crypto provider: {}", describe());
        }
    }

    private CryptoProvider() {
    }

    /** The native provider, or empty to use the JDK's default. */
    public static Optional<Provider> rsa() {
        return InUse.NATIVE;
    }

    /** The native provider for EC (P-256) as for RSA, or empty to use the JDK's default. */
    public static Optional<Provider> ec() {
        return InUse.NATIVE;
    }

    /** The native provider for AES-GCM (sealing), or empty to use the JDK's default. */
    public static Optional<Provider> aes() {
        return Chosen.NATIVE;
    }

    /** {@code Signature.getInstance(algorithm)} from the native provider when there is one. */
    public static Signature signature(String algorithm) throws NoSuchAlgorithmException {
        Optional<Provider> provider = InUse.NATIVE;
        return provider.isPresent() ? Signature.getInstance(algorithm, provider.get()) : Signature.getInstance(algorithm);
    }

    /** {@code KeyFactory.getInstance(algorithm)} from the native provider when there is one. */
    public static KeyFactory keyFactory(String algorithm) throws NoSuchAlgorithmException {
        Optional<Provider> provider = InUse.NATIVE;
        return provider.isPresent() ? KeyFactory.getInstance(algorithm, provider.get()) : KeyFactory.getInstance(algorithm);
    }

    /** {@code KeyPairGenerator.getInstance(algorithm)} from the native provider when there is one. */
    public static KeyPairGenerator keyPairGenerator(String algorithm) throws NoSuchAlgorithmException {
        Optional<Provider> provider = InUse.NATIVE;
        return provider.isPresent() ? KeyPairGenerator.getInstance(algorithm, provider.get())
                : KeyPairGenerator.getInstance(algorithm);
    }

    /** The provider in use; makes the choice if nothing has yet. */
    public static String describe() {
        return Chosen.NATIVE.map(p -> p.getName() + " " + p.getVersionStr() + " (AWS-LC, native)")
                .orElse("JDK default provider (native AWS-LC provider unavailable on this platform)");
    }

    /** {@link #describe()} if the choice has been made, without making it. */
    public static Optional<String> describeIfChosen() {
        return chosen ? Optional.of(describe()) : Optional.empty();
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
