package dev.gatehouse.store;

/**
 * Seals secrets before they reach a column and opens them when rows are read. {@code context}
 * names the row (e.g. {@code client_secret:<client id>:<secret id>}) and is bound into the
 * ciphertext, so a sealed value copied to another row does not open.
 */
public interface SecretCodec {

    String seal(byte[] plaintext, String context);

    /** @throws OpenFailure when the value does not open: another master key, another row, or tampered */
    byte[] open(String sealed, String context);

    /** Whether {@code value} has the sealed format (it says nothing about which key sealed it). */
    boolean isSealed(String value);

    /** A sealed value that does not open. Its message names the reason, never key material or plaintext. */
    class OpenFailure extends RuntimeException {
        public OpenFailure(String message) {
            super(message, null, false, false);
        }
    }
}
