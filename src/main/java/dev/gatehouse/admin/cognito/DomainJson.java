package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.model.Domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Renders domains as Cognito's DomainDescriptionType and the CloudFront name AWS would front them with. */
final class DomainJson {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private DomainJson() {
    }

    /** Cognito API: DomainDescriptionType. Gatehouse serves domains at once, so Status is always ACTIVE. */
    static ObjectNode description(Domain domain, String accountId) {
        ObjectNode out = Outputs.object();
        out.put("UserPoolId", domain.poolId());
        out.put("AWSAccountId", accountId);
        out.put("Domain", domain.domain());
        out.put("CloudFrontDistribution", cloudFront(domain));
        out.put("Status", "ACTIVE");
        if (domain.custom()) {
            out.set("CustomDomainConfig", customConfig(domain));
        }
        Outputs.putIfNotNull(out, "ManagedLoginVersion", domain.managedLoginVersion());
        return out;
    }

    static ObjectNode customConfig(Domain domain) {
        ObjectNode config = Outputs.object();
        config.put("CertificateArn", domain.certificateArn());
        Outputs.putIfNotNull(config, "SecurityPolicy", domain.securityPolicy());
        return config;
    }

    /**
     * A stable stand-in for the CloudFront distribution AWS puts in front of a domain
     * ({@code d111111abcdef8.cloudfront.net} form): the same domain always gets the same name.
     */
    static String cloudFront(Domain domain) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256")
                    .digest((domain.region() + "/" + domain.domain()).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        StringBuilder name = new StringBuilder("d");
        for (int i = 0; i < 13; i++) {
            name.append(ALPHABET.charAt((hash[i] & 0xff) % ALPHABET.length()));
        }
        return name.append(".cloudfront.net").toString();
    }
}
