package dev.gatehouse.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An app client of a pool. Members Gatehouse enforces are typed; the ones that matter only to
 * user sign-in (read/write attributes, analytics, ...) are an opaque JSON object in
 * {@code extraSettings}. Secrets live apart ({@link ClientSecret}).
 */
public record AppClient(
        String poolId,
        String clientId,
        String clientName,
        TokenValidity validity,
        List<String> explicitAuthFlows,
        List<String> supportedIdentityProviders,
        List<String> callbackUrls,
        List<String> logoutUrls,
        String defaultRedirectUri,
        List<String> allowedOAuthFlows,
        List<String> allowedOAuthScopes,
        boolean allowedOAuthFlowsUserPoolClient,
        boolean enableTokenRevocation,
        String extraSettings,
        Instant creationDate,
        Instant lastModifiedDate) {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String CLIENT_TOKEN_AUTH = "ALLOW_CLIENT_TOKEN_AUTH";
    /** Scopes Cognito defines itself; none of them may be granted with client_credentials. */
    public static final List<String> STANDARD_SCOPES =
            List.of("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin");
    /** ExplicitAuthFlows when a request omits them (Cognito API: CreateUserPoolClient). */
    public static final List<String> DEFAULT_EXPLICIT_AUTH_FLOWS =
            List.of("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");
    /** Cognito quota: app clients per pool. */
    public static final int MAX_PER_POOL = 1000;
    public static final int MAX_SECRETS = 2;

    public AppClient {
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(validity, "validity");
        explicitAuthFlows = List.copyOf(explicitAuthFlows);
        supportedIdentityProviders = List.copyOf(supportedIdentityProviders);
        callbackUrls = List.copyOf(callbackUrls);
        logoutUrls = List.copyOf(logoutUrls);
        allowedOAuthFlows = List.copyOf(allowedOAuthFlows);
        allowedOAuthScopes = List.copyOf(allowedOAuthScopes);
        Objects.requireNonNull(extraSettings, "extraSettings");
        Objects.requireNonNull(creationDate, "creationDate");
        Objects.requireNonNull(lastModifiedDate, "lastModifiedDate");
    }

    public boolean allowsClientCredentials() {
        return allowedOAuthFlows.contains(CLIENT_CREDENTIALS);
    }

    public boolean allowsClientTokenAuth() {
        return explicitAuthFlows.contains(CLIENT_TOKEN_AUTH);
    }

    /**
     * Cross-member rules of Create/UpdateUserPoolClient with Cognito's observed messages
     * (SPEC §3.5). {@code definedScopes} are the full names of every scope the pool's resource
     * servers define.
     */
    public void validate(boolean hasSecret, Set<String> definedScopes) {
        validity.validate();
        if (allowsClientCredentials()) {
            if (!hasSecret) {
                throw Failure.invalidOAuthFlow(
                        "client_credentials flow can not be selected if client does not have a client secret.");
            }
            if (allowedOAuthFlows.contains("code") || allowedOAuthFlows.contains("implicit")) {
                throw Failure.invalidOAuthFlow(
                        "client_credentials flow can not be selected along with code flow or implicit flow.");
            }
            for (String scope : allowedOAuthScopes) {
                if (STANDARD_SCOPES.contains(scope)) {
                    throw Failure.invalidOAuthFlow(scope + " is not supported with client_credentials flow");
                }
            }
        }
        if (allowedOAuthFlowsUserPoolClient && (allowedOAuthFlows.isEmpty() || allowedOAuthScopes.isEmpty())) {
            throw Failure.invalidParameter("AllowedOAuthFlows and AllowedOAuthScopes are required if user pool "
                    + "client is allowed to use OAuth flows.");
        }
        for (String scope : allowedOAuthScopes) {
            if (!STANDARD_SCOPES.contains(scope) && !definedScopes.contains(scope)) {
                throw new Failure(Failure.Kind.SCOPE_DOES_NOT_EXIST, "Invalid scope requested: " + scope);
            }
        }
        if (allowsClientTokenAuth()) {
            if (explicitAuthFlows.size() != 1) {
                throw Failure.invalidParameter(
                        "ALLOW_CLIENT_TOKEN_AUTH cannot be combined with other explicit authentication flows.");
            }
            if (!hasSecret) {
                throw Failure.invalidParameter(
                        "ALLOW_CLIENT_TOKEN_AUTH can not be selected if client does not have a client secret.");
            }
        }
        if (defaultRedirectUri != null && !callbackUrls.contains(defaultRedirectUri)) {
            throw Failure.invalidParameter("DefaultRedirectURI must be one of the CallbackURLs.");
        }
        RedirectUris.validate(callbackUrls);
        RedirectUris.validate(logoutUrls);
    }
}
