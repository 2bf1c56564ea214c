package dev.gatehouse.admin.sigv4;

/** Who signed: the access key, and the region and service of the credential scope. */
public record VerifiedCaller(String accessKeyId, String region, String service) {
}
