package dev.gatehouse.model;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates identifiers and secrets in Cognito's observed formats (SPEC §3.1, DESIGN §1) from
 * {@link SecureRandom}: nothing time- or sequence-based, at least 128 bits of entropy each.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {
    }

    /** {@code us-east-1_AbCdEfGhI}: the region, an underscore and 9 alphanumerics. */
    public static String userPoolId(String region) {
        return region + "_" + random(ALNUM, 9);
    }

    /** 26 lower-case alphanumerics (about 134 bits). */
    public static String clientId() {
        return random(LOWER_ALNUM, 26);
    }

    /** 51 lower-case alphanumerics (about 263 bits), as Cognito generates. */
    public static String clientSecret() {
        return random(LOWER_ALNUM, 51);
    }

    /** 44-character standard base64 of 32 random bytes, the shape of Cognito's {@code kid}s. */
    public static String keyId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** An AWS-style access key id: {@code AKIA} plus 16 upper-case alphanumerics. */
    public static String accessKeyId() {
        return "AKIA" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    }

    /** An AWS-style 40-character secret access key. */
    public static String secretAccessKey() {
        return random(ALNUM + "+/", 40);
    }

    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String random(String alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return new String(out);
    }
}
