package dev.gatehouse.gateway.proxy;

import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --backend-ca-file} is read at start; a file that is not a certificate bundle fails it, saying why. */
class BackendTrustTest {

    @TempDir
    Path dir;

    @Test
    void bundleWhenTwoCertificatesThenBothAreAdded() throws IOException {
        String one = Files.readString(Path.of(SelfSignedCertificate.create("a.internal").certificatePath()));
        String two = Files.readString(Path.of(SelfSignedCertificate.create("b.internal").certificatePath()));
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), one + two);

        assertThat(BackendTrust.withCertificatesFrom(bundle).extraCertificates()).isEqualTo(2);
        assertThat(BackendTrust.jdkRoots().extraCertificates()).isZero();
    }

    @Test
    void fileWhenMissingEmptyGarbageOrHugeThenRefusedWithTheReason() throws IOException {
        Path missing = dir.resolve("missing.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"),
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        Path huge = dir.resolve("huge.pem");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(BackendTrust.MAX_FILE_BYTES + 1);
        }

        assertThatThrownBy(() -> BackendTrust.withCertificatesFrom(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--backend-ca-file " + missing + ": cannot be read (NoSuchFileException)");
        assertThatThrownBy(() -> BackendTrust.withCertificatesFrom(empty))
                .hasMessage("--backend-ca-file " + empty + ": holds no certificate");
        assertThatThrownBy(() -> BackendTrust.withCertificatesFrom(garbage))
                .hasMessage("--backend-ca-file " + garbage + ": not PEM X.509 certificates");
        assertThatThrownBy(() -> BackendTrust.withCertificatesFrom(huge))
                .hasMessage("--backend-ca-file " + huge + ": larger than 1 MiB, not a certificate bundle");
    }
}
