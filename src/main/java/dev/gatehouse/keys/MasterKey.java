package dev.gatehouse.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The 256-bit key every secret at rest is sealed under, and its short id (the first 8 bytes of
 * its SHA-256, so records name the key that sealed them without revealing it).
 */
public record MasterKey(byte[] key, String id) {

    public static final String FILE_NAME = "master.key";

    public MasterKey {
        if (key.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (256 bits), base64-encoded");
        }
    }

    public static MasterKey of(byte[] key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key);
            return new MasterKey(key.clone(), HexFormat.of().formatHex(hash, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes {@code GATEHOUSE_MASTER_KEY}: base64 of exactly 32 bytes. */
    public static MasterKey fromBase64(String encoded) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key is not valid base64");
        }
        return of(key);
    }

    /**
     * Reads {@code {dataDir}/master.key}, creating it with mode 0600 on first start. Only for the
     * embedded default: a shared database needs a key every node is given.
     */
    public static MasterKey fromFile(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            return of(key);
        }
        return fromBase64(Files.readString(file));
    }

    /** A separate key for another purpose (HMAC-SHA256 of the purpose under the master key). */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
