package dev.gatehouse.keys;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * From JWS's fixed 64-byte P-256 ECDSA signature {@code R || S} (RFC 7518 §3.4) to the ASN.1 DER
 * {@code SEQUENCE {INTEGER r, INTEGER s}} that JCA providers verify (signing goes the other way in
 * Nimbus's {@code ECDSASigner}). A JWS signature is read strictly: exactly 64 bytes (a DER-encoded signature in a token is
 * refused, never converted), and r and s each in [1, n − 1] — zero values are what the "psychic
 * signatures" bug accepted (CVE-2022-21449), so they are refused here whatever the provider does.
 */
public final class EcdsaSignatures {

    /** Bytes of R and of S in a P-256 JWS signature. */
    public static final int P256_COORDINATE_BYTES = 32;
    /** The order n of the P-256 base point (FIPS 186-4 D.1.2.3). */
    public static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private EcdsaSignatures() {
    }

    /**
     * The DER form of a JWS ES256 signature, or null when it is not 64 bytes or r or s lies outside
     * [1, n − 1] (such a signature is never valid, RFC 6979 / FIPS 186-4 §6.4.2).
     */
    public static byte[] joseToDer(byte[] jose) {
        if (jose == null || jose.length != 2 * P256_COORDINATE_BYTES) {
            return null;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(jose, 0, P256_COORDINATE_BYTES));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(jose, P256_COORDINATE_BYTES, jose.length));
        if (!inRange(r) || !inRange(s)) {
            return null;
        }
        byte[] rDer = r.toByteArray(); // minimal two's complement: a leading 0x00 only where the top bit is set
        byte[] sDer = s.toByteArray();
        int body = 2 + rDer.length + 2 + sDer.length; // at most 70, so every length fits in one byte
        byte[] der = new byte[2 + body];
        int i = 0;
        der[i++] = 0x30;
        der[i++] = (byte) body;
        der[i++] = 0x02;
        der[i++] = (byte) rDer.length;
        System.arraycopy(rDer, 0, der, i, rDer.length);
        i += rDer.length;
        der[i++] = 0x02;
        der[i++] = (byte) sDer.length;
        System.arraycopy(sDer, 0, der, i, sDer.length);
        return der;
    }

    private static boolean inRange(BigInteger value) {
        return value.signum() > 0 && value.compareTo(P256_ORDER) < 0;
    }
}
