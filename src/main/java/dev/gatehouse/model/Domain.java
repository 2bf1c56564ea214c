package dev.gatehouse.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pool's hosted domain: a prefix ({@code {prefix}.auth.{region}.<suffix>}) or a custom FQDN
 * with a certificate ARN.
 */
public record Domain(
        String domain,
        String poolId,
        String region,
        String certificateArn,
        String securityPolicy,
        Integer managedLoginVersion) {

    /** Cognito API: DomainType, applied to prefixes only (SPEC §3.2). */
    public static final String PREFIX_PATTERN = "^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$";
    private static final Pattern PREFIX = Pattern.compile(PREFIX_PATTERN);
    private static final Pattern FQDN = Pattern.compile(
            "^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");
    private static final String[] RESERVED = {"aws", "amazon", "cognito"};

    public Domain {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(region, "region");
    }

    public boolean custom() {
        return certificateArn != null;
    }

    /** Checks a domain as CreateUserPoolDomain does, with Cognito's messages. */
    public static void validate(String domain, boolean custom) {
        if (custom) {
            if (!FQDN.matcher(domain).matches()) {
                throw Failure.invalidParameter("The custom domain " + domain + " is not a valid domain name.");
            }
            return;
        }
        if (!PREFIX.matcher(domain).matches()) {
            throw Failure.invalidParameter("The domain name contains an invalid character. Domain names can only "
                    + "contain lower-case letters, numbers, and hyphens. Please enter a different name that follows "
                    + "this format: " + PREFIX_PATTERN);
        }
        for (String word : RESERVED) {
            if (domain.contains(word)) {
                throw Failure.invalidParameter("Domain cannot contain reserved word: " + word);
            }
        }
    }
}
