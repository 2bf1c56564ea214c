package dev.gatehouse.store.jdbc;

/**
 * The additional authenticated data each sealed column binds its value to (SECURITY LG-04): the
 * row's own key and the parent it belongs to, so a sealed value copied to another row, or a row
 * moved to another parent, no longer opens. {@link JdbcStore} and {@link Resealer} must agree, so
 * both take them from here.
 */
final class SealContexts {

    private SealContexts() {
    }

    /** {@code signing_key.sealed_private_key}: bound to the pool and the kid. */
    static String signingKey(String poolId, String kid) {
        return "signing_key:" + poolId + ":" + kid;
    }

    /** {@code client_secret.sealed_value}: bound to the app client and the secret id. */
    static String clientSecret(String clientId, String secretId) {
        return "client_secret:" + clientId + ":" + secretId;
    }

    /** {@code admin_credential.sealed_secret}: bound to the access key id. */
    static String adminCredential(String accessKeyId) {
        return "admin_credential:" + accessKeyId;
    }

    /** A sealed {@code gatehouse_setting} value (e.g. the master-key canary): bound to the setting's name. */
    static String setting(String name) {
        return name;
    }
}
