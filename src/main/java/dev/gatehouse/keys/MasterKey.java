package dev.gatehouse.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The 256-bit key every secret at rest is sealed under, and its short id (the first 8 bytes of
 * its SHA-256, so records name the key that sealed them without revealing it).
 */
public record MasterKey(byte[] key, String id) {

    public static final String FILE_NAME = "master.key";
    /** The key a rotation replaced, kept so a mistaken rotation can be undone by hand. */
    public static final String PREVIOUS_FILE_NAME = "master.key.previous";
    /** The new key of a rotation in progress: written before the commit, moved into place after it. */
    public static final String STAGED_FILE_NAME = "master.key.new";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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
        Optional<MasterKey> existing = readFile(dataDir);
        if (existing.isPresent()) {
            return existing.get();
        }
        Files.createDirectories(dataDir);
        MasterKey key = generate();
        writeOwnerOnly(dataDir.resolve(FILE_NAME), key);
        return key;
    }

    /** Reads {@code {dataDir}/master.key} without ever creating it. */
    public static Optional<MasterKey> readFile(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        return Files.exists(file) ? Optional.of(fromBase64(Files.readString(file))) : Optional.empty();
    }

    /** A new random key from {@link SecureRandom}. */
    public static MasterKey generate() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return of(key);
    }

    /**
     * First half of replacing the key file: writes {@code master.key.new} (mode 0600). Call it
     * before the database commit, so a crash after the commit still leaves the new key on disk.
     */
    public static void stageFile(Path dataDir, MasterKey key) throws IOException {
        Path staged = dataDir.resolve(STAGED_FILE_NAME);
        Files.deleteIfExists(staged);
        writeOwnerOnly(staged, key);
    }

    /**
     * Second half, after the commit: copies the current key to {@code master.key.previous} (0600),
     * then atomically renames {@code master.key.new} over {@code master.key}, so there is always a
     * complete key file at {@code master.key}.
     */
    public static void promoteStagedFile(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        Path previous = dataDir.resolve(PREVIOUS_FILE_NAME);
        Files.deleteIfExists(previous);
        writeOwnerOnly(previous, Files.readString(file));
        Files.move(dataDir.resolve(STAGED_FILE_NAME), file, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Drops a staged key after a failed rotation. */
    public static void discardStagedFile(Path dataDir) throws IOException {
        Files.deleteIfExists(dataDir.resolve(STAGED_FILE_NAME));
    }

    /** The key as {@code GATEHOUSE_MASTER_KEY} expects it. Print it only where the operator asked for it. */
    public String base64() {
        return Base64.getEncoder().encodeToString(key);
    }

    private static void writeOwnerOnly(Path file, MasterKey key) throws IOException {
        writeOwnerOnly(file, key.base64() + "\n");
    }

    /** Created with mode 0600 from the start: the file is never readable by others, not even briefly. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        Files.createFile(file, ownerOnly);
        Files.writeString(file, content, StandardOpenOption.TRUNCATE_EXISTING);
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
