package dev.gatehouse.gateway.proxy;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whom an HTTPS integration's certificate must chain to: the JDK's trusted roots, and with
 * {@code --backend-ca-file} also the operator's own certificates (PEM: a private CA, or a backend's
 * self-signed certificate), for backends that no public CA vouches for. The certificate must name
 * the backend's host either way (endpoint identification on each connection, {@link BackendPool}).
 */
public final class BackendTrust {

    /** A bundle of CA certificates is tens of kilobytes; anything far larger is not one. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private final TrustManagerFactory extended;
    private final int extraCertificates;

    private BackendTrust(TrustManagerFactory extended, int extraCertificates) {
        this.extended = extended;
        this.extraCertificates = extraCertificates;
    }

    /** The JDK's trusted roots only. */
    public static BackendTrust jdkRoots() {
        return new BackendTrust(null, 0);
    }

    /**
     * The JDK's roots plus every certificate in {@code pemFile}; read now, so that a missing, oversized
     * or unreadable file fails the start instead of the first HTTPS request.
     *
     * @throws IllegalArgumentException saying what is wrong with the file
     */
    public static BackendTrust withCertificatesFrom(Path pemFile) {
        List<X509Certificate> extra = read(pemFile);
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int alias = 0;
            for (X509Certificate root : jdkTrustManager().getAcceptedIssuers()) {
                anchors.setCertificateEntry("jdk-" + alias++, root);
            }
            for (X509Certificate certificate : extra) {
                anchors.setCertificateEntry("operator-" + alias++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            return new BackendTrust(factory, extra.size());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not build the trust store for HTTPS integrations", e);
        }
    }

    /** How many certificates the operator added (0 without a file). */
    public int extraCertificates() {
        return extraCertificates;
    }

    SslContext clientContext() throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient();
        if (extended != null) {
            builder.trustManager(extended);
        }
        return builder.build();
    }

    private static List<X509Certificate> read(Path pemFile) {
        String option = "--backend-ca-file " + pemFile;
        byte[] bytes;
        try {
            if (Files.size(pemFile) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(option + ": larger than 1 MiB, not a certificate bundle");
            }
            bytes = Files.readAllBytes(pemFile);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Collection<? extends Certificate> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(option + ": not PEM X.509 certificates");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : parsed) {
            certificates.add((X509Certificate) certificate);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(option + ": holds no certificate");
        }
        return certificates;
    }

    private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        for (TrustManager manager : jdk.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }
}
