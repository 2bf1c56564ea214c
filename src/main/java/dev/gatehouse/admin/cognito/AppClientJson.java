package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.SharedMapper;
import dev.gatehouse.manage.ClientService;
import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientSecret;
import dev.gatehouse.model.TimeUnit;
import dev.gatehouse.model.TokenValidity;

import java.util.List;

/**
 * Reads Create/UpdateUserPoolClient inputs and renders {@code UserPoolClientType} (members in
 * model order, nulls and empty lists omitted) and {@code ClientSecretDescriptorType}.
 */
final class AppClientJson {

    /** Members Gatehouse only stores and echoes, in UserPoolClientType order (Cognito API). */
    private static final List<String> EXTRA_BEFORE_LISTS = List.of("ReadAttributes", "WriteAttributes");
    private static final List<String> EXTRA_AFTER_OAUTH = List.of("AnalyticsConfiguration", "PreventUserExistenceErrors");
    private static final List<String> EXTRA_AFTER_REVOCATION =
            List.of("EnablePropagateAdditionalUserContextData", "AuthSessionValidity", "RefreshTokenRotation");
    private static final ObjectMapper JSON = SharedMapper.get();

    private AppClientJson() {
    }

    /** ClientName is required by CreateUserPoolClient, optional (keep the current one) in Update. */
    static ClientService.Settings settings(ObjectNode input, boolean nameRequired) {
        ObjectNode units = Inputs.object(input, "TokenValidityUnits");
        ObjectNode extra = Outputs.object();
        copy(input, extra, "ReadAttributes");
        copy(input, extra, "WriteAttributes");
        copy(input, extra, "AnalyticsConfiguration");
        // Defaults echoed for omitted members: PreventUserExistenceErrors LEGACY [M doc "Defaults to LEGACY"];
        // EnablePropagateAdditionalUserContextData false, AuthSessionValidity 3 minutes [M; E moto].
        extra.put("PreventUserExistenceErrors", orDefault(Inputs.string(input, "PreventUserExistenceErrors"), "LEGACY"));
        boolean propagate = Inputs.bool(input, "EnablePropagateAdditionalUserContextData", false);
        extra.put("EnablePropagateAdditionalUserContextData", propagate);
        Integer session = Inputs.integer(input, "AuthSessionValidity");
        extra.put("AuthSessionValidity", session != null ? session : 3);
        copy(input, extra, "RefreshTokenRotation");
        return new ClientService.Settings(
                nameRequired ? Inputs.required(input, "ClientName") : Inputs.string(input, "ClientName"),
                Inputs.integer(input, "AccessTokenValidity"),
                Inputs.integer(input, "IdTokenValidity"),
                Inputs.integer(input, "RefreshTokenValidity"),
                unit(units, "AccessToken"), unit(units, "IdToken"), unit(units, "RefreshToken"),
                Inputs.strings(input, "ExplicitAuthFlows"),
                Inputs.strings(input, "SupportedIdentityProviders"),
                Inputs.strings(input, "CallbackURLs"),
                Inputs.strings(input, "LogoutURLs"),
                Inputs.string(input, "DefaultRedirectURI"),
                Inputs.strings(input, "AllowedOAuthFlows"),
                Inputs.strings(input, "AllowedOAuthScopes"),
                Inputs.bool(input, "AllowedOAuthFlowsUserPoolClient"),
                Inputs.bool(input, "EnableTokenRevocation"),
                propagate,
                extra.toString());
    }

    /** {@code UserPoolClientType}; {@code secret} is included when not null. */
    static ObjectNode render(AppClient client, String secret) {
        ObjectNode extra = parse(client.extraSettings());
        ObjectNode out = Outputs.object();
        out.put("UserPoolId", client.poolId());
        out.put("ClientName", client.clientName());
        out.put("ClientId", client.clientId());
        Outputs.putIfNotNull(out, "ClientSecret", secret);
        out.set("LastModifiedDate", Outputs.timestamp(client.lastModifiedDate()));
        out.set("CreationDate", Outputs.timestamp(client.creationDate()));
        TokenValidity validity = client.validity();
        out.put("RefreshTokenValidity", validity.refresh());
        out.put("AccessTokenValidity", validity.access());
        out.put("IdTokenValidity", validity.id());
        ObjectNode units = out.putObject("TokenValidityUnits");
        units.put("AccessToken", validity.accessUnit().wireName());
        units.put("IdToken", validity.idUnit().wireName());
        units.put("RefreshToken", validity.refreshUnit().wireName());
        copyAll(extra, out, EXTRA_BEFORE_LISTS);
        putList(out, "ExplicitAuthFlows", client.explicitAuthFlows());
        putList(out, "SupportedIdentityProviders", client.supportedIdentityProviders());
        putList(out, "CallbackURLs", client.callbackUrls());
        putList(out, "LogoutURLs", client.logoutUrls());
        Outputs.putIfNotNull(out, "DefaultRedirectURI", client.defaultRedirectUri());
        putList(out, "AllowedOAuthFlows", client.allowedOAuthFlows());
        putList(out, "AllowedOAuthScopes", client.allowedOAuthScopes());
        out.put("AllowedOAuthFlowsUserPoolClient", client.allowedOAuthFlowsUserPoolClient());
        copyAll(extra, out, EXTRA_AFTER_OAUTH);
        out.put("EnableTokenRevocation", client.enableTokenRevocation());
        copyAll(extra, out, EXTRA_AFTER_REVOCATION);
        return out;
    }

    /** {@code ClientSecretDescriptorType}; the value only when asked for and generated (Cognito API). */
    static ObjectNode descriptor(ClientSecret secret, boolean withValue) {
        ObjectNode out = Outputs.object();
        out.put("ClientSecretId", secret.secretId());
        if (withValue && secret.generated()) {
            out.put("ClientSecretValue", secret.value());
        }
        out.set("ClientSecretCreateDate", Outputs.timestamp(secret.creationDate()));
        return out;
    }

    private static TimeUnit unit(ObjectNode units, String member) {
        String value = units == null ? null : Inputs.string(units, member);
        if (value == null) {
            return null;
        }
        for (TimeUnit unit : TimeUnit.values()) {
            if (unit.wireName().equals(value)) {
                return unit;
            }
        }
        throw CognitoException.invalidParameter("1 validation error detected: Value '" + value
                + "' at 'tokenValidityUnits." + Character.toLowerCase(member.charAt(0)) + member.substring(1)
                + "' failed to satisfy constraint: Member must satisfy enum value set: [seconds, minutes, hours, days]");
    }

    private static void copy(ObjectNode from, ObjectNode to, String member) {
        JsonNode value = from.get(member);
        if (value != null && !value.isNull()) {
            to.set(member, value.deepCopy());
        }
    }

    private static void copyAll(ObjectNode from, ObjectNode to, List<String> members) {
        members.forEach(member -> copy(from, to, member));
    }

    private static void putList(ObjectNode out, String member, List<String> values) {
        if (!values.isEmpty()) {
            out.set(member, Outputs.strings(values));
        }
    }

    private static ObjectNode parse(String extraSettings) {
        try {
            JsonNode node = JSON.readTree(extraSettings);
            return node instanceof ObjectNode object ? object : Outputs.object();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored extra settings of an app client are not JSON", e);
        }
    }

    private static <T> T orDefault(T value, T defaultValue) {
        return value != null ? value : defaultValue;
    }
}
