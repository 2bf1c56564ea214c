package dev.gatehouse.store;

/**
 * Seals secrets before they reach a column and opens them when rows are read. {@code context}
 * names the row (e.g. {@code client_secret:<id>}) and is bound into the ciphertext, so a sealed
 * value copied to another row does not open.
 */
public interface SecretCodec {

    String seal(byte[] plaintext, String context);

    byte[] open(String sealed, String context);
}
