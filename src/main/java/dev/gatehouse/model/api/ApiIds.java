package dev.gatehouse.model.api;

import java.security.SecureRandom;

/** Identifiers in API Gateway's form: 10 lowercase alphanumerics for APIs, resources, authorizers, deployments. */
public final class ApiIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private ApiIds() {
    }

    public static String newId() {
        char[] out = new char[10];
        for (int i = 0; i < out.length; i++) {
            out[i] = LOWER_ALNUM.charAt(RANDOM.nextInt(LOWER_ALNUM.length()));
        }
        return new String(out);
    }
}
