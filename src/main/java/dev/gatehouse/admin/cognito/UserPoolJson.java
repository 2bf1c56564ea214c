package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.SharedMapper;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.UserPool;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Renders a pool as Cognito's UserPoolType and UserPoolDescriptionType (member order as the model, nulls omitted). */
final class UserPoolJson {

    private static final ObjectMapper JSON = SharedMapper.get();

    private UserPoolJson() {
    }

    /** Cognito API: UserPoolType (Create/DescribeUserPool). */
    static ObjectNode userPool(UserPool pool, List<Domain> domains, Map<String, String> tags, String accountId) {
        ObjectNode settings = settings(pool);
        ObjectNode out = Outputs.object();
        out.put("Id", pool.id());
        out.put("Name", pool.name());
        copy(settings, out, "Policies");
        out.put("DeletionProtection", pool.deletionProtection());
        copy(settings, out, "LambdaConfig");
        // Status is deprecated and no longer returned by DescribeUserPool [O: captures in getmoto/moto#5965].
        out.set("LastModifiedDate", Outputs.timestamp(pool.lastModifiedDate()));
        out.set("CreationDate", Outputs.timestamp(pool.creationDate()));
        for (String member : List.of("SchemaAttributes", "AutoVerifiedAttributes", "AliasAttributes",
                "UsernameAttributes", "SmsVerificationMessage", "EmailVerificationMessage",
                "EmailVerificationSubject", "VerificationMessageTemplate", "SmsAuthenticationMessage",
                "UserAttributeUpdateSettings", "MfaConfiguration", "DeviceConfiguration")) {
            copy(settings, out, member);
        }
        out.put("EstimatedNumberOfUsers", 0); // Gatehouse keeps no users
        copy(settings, out, "EmailConfiguration");
        copy(settings, out, "SmsConfiguration");
        out.set("UserPoolTags", Outputs.stringMap(tags));
        domains.stream().filter(d -> !d.custom()).findFirst().ifPresent(d -> out.put("Domain", d.domain()));
        domains.stream().filter(Domain::custom).findFirst().ifPresent(d -> out.put("CustomDomain", d.domain()));
        for (String member : List.of("AdminCreateUserConfig", "UserPoolAddOns", "UsernameConfiguration")) {
            copy(settings, out, member);
        }
        out.put("Arn", pool.arn(accountId));
        copy(settings, out, "AccountRecoverySetting");
        out.put("UserPoolTier", pool.tier());
        for (String member : List.of("KeyConfiguration", "IssuerConfiguration", "AcrConfiguration")) {
            copy(settings, out, member);
        }
        return out;
    }

    /** Cognito API: UserPoolDescriptionType (ListUserPools). */
    static ObjectNode description(UserPool pool) {
        ObjectNode out = Outputs.object();
        out.put("Id", pool.id());
        out.put("Name", pool.name());
        JsonNode lambdaConfig = member(pool, "LambdaConfig");
        if (lambdaConfig != null && !lambdaConfig.isNull()) {
            out.set("LambdaConfig", lambdaConfig);
        }
        out.set("LastModifiedDate", Outputs.timestamp(pool.lastModifiedDate()));
        out.set("CreationDate", Outputs.timestamp(pool.creationDate()));
        return out;
    }

    /**
     * One top-level member of the stored sign-in settings, or null: the rest is skipped by the
     * tokenizer rather than built into a tree. ListUserPools needs only LambdaConfig, and building
     * the whole settings (the schema's attributes and more) of 60 pools was a third of a page's CPU.
     */
    static JsonNode member(UserPool pool, String member) {
        try (JsonParser parser = JSON.createParser(pool.signInSettings())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals(member)) {
                    return JSON.readTree(parser);
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("stored sign-in settings of " + pool.id() + " are not JSON", e);
        }
    }

    /** The stored sign-in settings of a pool. */
    static ObjectNode settings(UserPool pool) {
        try {
            JsonNode node = JSON.readTree(pool.signInSettings());
            return node instanceof ObjectNode object ? object : Outputs.object();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored sign-in settings of " + pool.id() + " are not JSON", e);
        }
    }

    static String text(ObjectNode settings) {
        return settings.toString();
    }

    private static void copy(ObjectNode from, ObjectNode to, String member) {
        JsonNode value = from.get(member);
        if (value != null && !value.isNull()) {
            to.set(member, value);
        }
    }
}
