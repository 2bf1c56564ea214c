package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.PoolService;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of Create/UpdateUserPool that only matter to user sign-in. Gatehouse stores them as
 * one JSON object ({@code UserPool.signInSettings}) with Cognito's defaults filled in, so that
 * DescribeUserPool answers what real Cognito answers and tooling such as Terraform round-trips.
 */
final class SignInSettings {

    /** Sign-in members in UserPoolType order (Cognito API: UserPoolType). */
    static final List<String> MEMBERS = List.of("Policies", "LambdaConfig", "SchemaAttributes",
            "AutoVerifiedAttributes", "AliasAttributes", "UsernameAttributes", "SmsVerificationMessage",
            "EmailVerificationMessage", "EmailVerificationSubject", "VerificationMessageTemplate",
            "SmsAuthenticationMessage", "UserAttributeUpdateSettings", "MfaConfiguration", "DeviceConfiguration",
            "EmailConfiguration", "SmsConfiguration", "AdminCreateUserConfig", "UserPoolAddOns",
            "UsernameConfiguration", "AccountRecoverySetting", "KeyConfiguration", "IssuerConfiguration",
            "AcrConfiguration");
    /** Fixed at creation: UpdateUserPool has no such members, so an update keeps them. */
    private static final List<String> CREATE_ONLY =
            List.of("SchemaAttributes", "AliasAttributes", "UsernameAttributes", "UsernameConfiguration");

    /**
     * Cognito's standard attributes as DescribeUserPool lists them for a new pool [O: real
     * describe-user-pool output in awscli/examples/cognito-idp/describe-user-pool.rst and
     * getmoto/moto#5965].
     */
    static final List<ObjectNode> STANDARD_ATTRIBUTES = List.of(
            string("sub", false, true, 1, 2048),
            string("name"), string("given_name"), string("family_name"), string("middle_name"),
            string("nickname"), string("preferred_username"), string("profile"), string("picture"),
            string("website"), string("email"), typed("email_verified", "Boolean"), string("gender"),
            string("birthdate", true, false, 10, 10), string("zoneinfo"), string("locale"),
            string("phone_number"), typed("phone_number_verified", "Boolean"), string("address"),
            number("updated_at"));

    private SignInSettings() {
    }

    /** The stored settings of a new pool from a CreateUserPool input. */
    static ObjectNode fromCreate(ObjectNode input) {
        ObjectNode settings = copy(input);
        settings.set("SchemaAttributes", schemaAttributes(input));
        return withDefaults(settings);
    }

    /** UpdateUserPool replaces everything it can set (SPEC §3.6); create-only members carry over. */
    static ObjectNode fromUpdate(ObjectNode input, ObjectNode previous) {
        ObjectNode settings = copy(input);
        for (String member : CREATE_ONLY) {
            if (previous.has(member)) {
                settings.set(member, previous.get(member).deepCopy());
            }
        }
        return withDefaults(settings);
    }

    /** The names SchemaAttributes will carry, for the schema rules of {@link PoolService}. */
    static List<PoolService.Attribute> attributes(ObjectNode input) {
        List<PoolService.Attribute> out = new ArrayList<>();
        for (JsonNode entry : schemaInput(input)) {
            String name = entry.path("Name").asText();
            boolean standard = isStandard(name);
            out.add(new PoolService.Attribute(standard ? name : customName(entry),
                    !standard, entry.path("Required").asBoolean(false)));
        }
        return out;
    }

    private static ObjectNode copy(ObjectNode input) {
        ObjectNode settings = Outputs.object();
        for (String member : MEMBERS) {
            JsonNode value = input.get(member);
            if (value != null && !value.isNull()) {
                settings.set(member, value.deepCopy());
            }
        }
        return settings;
    }

    /** Fills what real Cognito returns even when the caller omitted it, and orders the members. */
    private static ObjectNode withDefaults(ObjectNode given) {
        given.set("Policies", policies(given.get("Policies")));
        given.putIfAbsent("LambdaConfig", Outputs.object());
        ObjectNode template = objectOrNew(given.get("VerificationMessageTemplate"));
        template.putIfAbsent("DefaultEmailOption", Outputs.object().textNode("CONFIRM_WITH_CODE"));
        given.set("VerificationMessageTemplate", template);
        given.putIfAbsent("MfaConfiguration", Outputs.object().textNode("OFF"));
        ObjectNode email = objectOrNew(given.get("EmailConfiguration"));
        email.putIfAbsent("EmailSendingAccount", Outputs.object().textNode("COGNITO_DEFAULT"));
        given.set("EmailConfiguration", email);
        ObjectNode admin = objectOrNew(given.get("AdminCreateUserConfig"));
        admin.putIfAbsent("AllowAdminCreateUserOnly", Outputs.object().booleanNode(false));
        admin.putIfAbsent("UnusedAccountValidityDays", Outputs.object().numberNode(7));
        given.set("AdminCreateUserConfig", admin);
        ObjectNode ordered = Outputs.object();
        for (String member : MEMBERS) {
            if (given.has(member)) {
                ordered.set(member, given.get(member));
            }
        }
        return ordered;
    }

    /** Cognito API: PasswordPolicyType; a new pool gets length 8, all classes required, 7 days. */
    private static ObjectNode policies(JsonNode given) {
        ObjectNode policies = objectOrNew(given);
        JsonNode password = policies.get("PasswordPolicy");
        ObjectNode filled = Outputs.object();
        boolean omitted = !(password instanceof ObjectNode);
        filled.set("MinimumLength", valueOr(password, "MinimumLength", filled.numberNode(8)));
        for (String rule : List.of("RequireUppercase", "RequireLowercase", "RequireNumbers", "RequireSymbols")) {
            // An omitted policy requires every class; a given one requires only what it says [U].
            filled.set(rule, valueOr(password, rule, filled.booleanNode(omitted)));
        }
        if (!omitted && password.hasNonNull("PasswordHistorySize")) {
            filled.set("PasswordHistorySize", password.get("PasswordHistorySize"));
        }
        filled.set("TemporaryPasswordValidityDays", valueOr(password, "TemporaryPasswordValidityDays",
                filled.numberNode(7)));
        ObjectNode out = Outputs.object();
        out.set("PasswordPolicy", filled);
        policies.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("PasswordPolicy")) {
                out.set(field.getKey(), field.getValue());
            }
        });
        return out;
    }

    /** The standard attributes (changed where the input names one) followed by the custom ones. */
    private static ArrayNode schemaAttributes(ObjectNode input) {
        ArrayNode out = Outputs.object().arrayNode();
        List<JsonNode> entries = schemaInput(input);
        for (ObjectNode standard : STANDARD_ATTRIBUTES) {
            ObjectNode attribute = standard.deepCopy();
            for (JsonNode entry : entries) {
                if (entry.path("Name").asText().equals(standard.get("Name").asText())) {
                    entry.fields().forEachRemaining(f -> attribute.set(f.getKey(), f.getValue().deepCopy()));
                }
            }
            out.add(attribute);
        }
        for (JsonNode entry : entries) {
            if (!isStandard(entry.path("Name").asText())) {
                out.add(custom(entry));
            }
        }
        return out;
    }

    /** Cognito prefixes every non-standard name, even one already starting with custom: (aws-cloudformation-user-guide#932). */
    private static ObjectNode custom(JsonNode entry) {
        ObjectNode attribute = Outputs.object();
        attribute.put("Name", customName(entry));
        attribute.put("AttributeDataType", entry.path("AttributeDataType").asText("String"));
        attribute.put("DeveloperOnlyAttribute", entry.path("DeveloperOnlyAttribute").asBoolean(false));
        attribute.put("Mutable", entry.path("Mutable").asBoolean(true));
        attribute.put("Required", entry.path("Required").asBoolean(false));
        for (String constraints : List.of("NumberAttributeConstraints", "StringAttributeConstraints")) {
            if (entry.hasNonNull(constraints)) {
                attribute.set(constraints, entry.get(constraints).deepCopy());
            }
        }
        return attribute;
    }

    private static String customName(JsonNode entry) {
        String name = "custom:" + entry.path("Name").asText();
        return entry.path("DeveloperOnlyAttribute").asBoolean(false) ? "dev:" + name : name;
    }

    private static boolean isStandard(String name) {
        return STANDARD_ATTRIBUTES.stream().anyMatch(a -> a.get("Name").asText().equals(name));
    }

    private static List<JsonNode> schemaInput(ObjectNode input) {
        List<JsonNode> entries = new ArrayList<>();
        JsonNode schema = input.get("Schema");
        if (schema != null && schema.isArray()) {
            schema.forEach(entries::add);
        }
        return entries;
    }

    private static ObjectNode objectOrNew(JsonNode node) {
        return node instanceof ObjectNode object ? object.deepCopy() : Outputs.object();
    }

    private static JsonNode valueOr(JsonNode object, String member, JsonNode fallback) {
        return object != null && object.hasNonNull(member) ? object.get(member) : fallback;
    }

    private static ObjectNode string(String name) {
        return string(name, true, false, 0, 2048);
    }

    private static ObjectNode string(String name, boolean mutable, boolean required, int min, int max) {
        ObjectNode attribute = base(name, "String", mutable, required);
        ObjectNode constraints = attribute.putObject("StringAttributeConstraints");
        constraints.put("MinLength", Integer.toString(min));
        constraints.put("MaxLength", Integer.toString(max));
        return attribute;
    }

    private static ObjectNode typed(String name, String type) {
        return base(name, type, true, false);
    }

    private static ObjectNode number(String name) {
        ObjectNode attribute = base(name, "Number", true, false);
        attribute.putObject("NumberAttributeConstraints").put("MinValue", "0");
        return attribute;
    }

    private static ObjectNode base(String name, String type, boolean mutable, boolean required) {
        ObjectNode attribute = Outputs.object();
        attribute.put("Name", name);
        attribute.put("AttributeDataType", type);
        attribute.put("DeveloperOnlyAttribute", false);
        attribute.put("Mutable", mutable);
        attribute.put("Required", required);
        return attribute;
    }
}
