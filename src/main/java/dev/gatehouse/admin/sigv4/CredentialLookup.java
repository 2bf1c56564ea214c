package dev.gatehouse.admin.sigv4;

import java.util.Optional;

/** Looks up the secret access key of an access key id; empty when unknown. */
@FunctionalInterface
public interface CredentialLookup {
    Optional<String> secretKeyFor(String accessKeyId);
}
