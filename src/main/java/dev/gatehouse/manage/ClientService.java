package dev.gatehouse.manage;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientSecret;
import dev.gatehouse.model.Failure;
import dev.gatehouse.model.Ids;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.TimeUnit;
import dev.gatehouse.model.TokenValidity;
import dev.gatehouse.store.Page;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * App clients and their secrets (SPEC §3.4–§3.6). Create and Update are full descriptions of the
 * client: an omitted member takes its default. Every write is one store call followed by a
 * refresh of the directory, which is all the token endpoint reads.
 */
public final class ClientService {

    /** Cognito API: ListUserPoolClients MaxResults 1–60. */
    public static final int MAX_PAGE = 60;
    /** Cognito API: ClientSecretType. */
    private static final Pattern SECRET_PATTERN = Pattern.compile("[\\w+]+");

    /**
     * The members of a Create/UpdateUserPoolClient request as given; null means omitted.
     *
     * @param clientName              null only on update, where it keeps the current name
     * @param extraSettings           JSON object text of the members Gatehouse only stores and echoes
     * @param propagateUserContextData EnablePropagateAdditionalUserContextData (kept in extraSettings too)
     */
    public record Settings(
            String clientName,
            Integer accessValidity, Integer idValidity, Integer refreshValidity,
            TimeUnit accessUnit, TimeUnit idUnit, TimeUnit refreshUnit,
            List<String> explicitAuthFlows,
            List<String> supportedIdentityProviders,
            List<String> callbackUrls,
            List<String> logoutUrls,
            String defaultRedirectUri,
            List<String> allowedOAuthFlows,
            List<String> allowedOAuthScopes,
            Boolean allowedOAuthFlowsUserPoolClient,
            Boolean enableTokenRevocation,
            boolean propagateUserContextData,
            String extraSettings) {

        public Settings {
            Objects.requireNonNull(extraSettings, "extraSettings");
        }
    }

    /** A client with the secret Describe shows: its oldest active one, or null for a public client. */
    public record Described(AppClient client, String secret) {
    }

    private final ManageContext manage;

    public ClientService(ManageContext manage) {
        this.manage = manage;
    }

    /**
     * Cognito API: CreateUserPoolClient. {@code customSecret} is the caller's own ClientSecret;
     * {@code generateSecret} asks for a generated one; both at once are refused.
     */
    public Described create(String region, String poolId, Settings settings, boolean generateSecret,
                            String customSecret, Instant now) {
        Objects.requireNonNull(settings.clientName(), "clientName");
        PoolLookup.require(manage.store(), region, poolId);
        if (generateSecret && customSecret != null) {
            // Rule: Cognito API doc of ClientSecret; message [U].
            throw Failure.invalidParameter("You cannot specify both GenerateSecret as true and a ClientSecret value.");
        }
        if (customSecret != null) {
            checkCustomSecret(customSecret);
        }
        String clientId = Ids.clientId();
        AppClient client = build(poolId, clientId, settings, null, now, now);
        boolean hasSecret = generateSecret || customSecret != null;
        validate(client, settings, hasSecret);
        // Cognito quota: 1,000 app clients per pool (SPEC §5.3).
        if (manage.store().countClients(poolId) >= AppClient.MAX_PER_POOL) {
            throw Failure.limitExceeded("The user pool " + poolId + " already has the maximum number of "
                    + AppClient.MAX_PER_POOL + " app clients.");
        }
        List<ClientSecret> secrets = hasSecret
                ? List.of(ClientSecret.create(clientId, generateSecret ? Ids.clientSecret() : customSecret,
                        generateSecret, now))
                : List.of();
        manage.store().insertClient(client, secrets);
        manage.directory().refresh(poolId);
        return new Described(client, secrets.isEmpty() ? null : secrets.get(0).value());
    }

    public Described describe(String region, String poolId, String clientId) {
        PoolLookup.require(manage.store(), region, poolId);
        AppClient client = require(poolId, clientId);
        List<ClientSecret> secrets = manage.store().secretsOf(clientId);
        return new Described(client, secrets.isEmpty() ? null : secrets.get(0).value());
    }

    public Page<AppClient> list(String region, String poolId, String afterClientId, int limit) {
        PoolLookup.require(manage.store(), region, poolId);
        return manage.store().listClients(poolId, afterClientId, limit);
    }

    /** Cognito API: UpdateUserPoolClient — a full replacement (SPEC §3.6); secrets are untouched. */
    public Described update(String region, String poolId, String clientId, Settings settings, Instant now) {
        PoolLookup.require(manage.store(), region, poolId);
        AppClient existing = require(poolId, clientId);
        List<ClientSecret> secrets = manage.store().secretsOf(clientId);
        AppClient client = build(poolId, clientId, settings, existing.clientName(), existing.creationDate(), now);
        validate(client, settings, !secrets.isEmpty());
        manage.store().updateClient(client);
        manage.directory().refresh(poolId);
        return new Described(client, secrets.isEmpty() ? null : secrets.get(0).value());
    }

    /** The client and its secrets go in one transaction (the secrets cascade). */
    public void delete(String region, String poolId, String clientId) {
        PoolLookup.require(manage.store(), region, poolId);
        require(poolId, clientId);
        manage.store().deleteClient(poolId, clientId);
        manage.directory().refresh(poolId);
    }

    /**
     * Cognito API: AddUserPoolClientSecret — at most two active secrets. Only a confidential
     * client can rotate: adding a secret to a public client would silently make it confidential
     * ([U]: Cognito's docs speak of "an existing confidential app client").
     */
    public ClientSecret addSecret(String region, String poolId, String clientId, String customSecret, Instant now) {
        PoolLookup.require(manage.store(), region, poolId);
        require(poolId, clientId);
        List<ClientSecret> secrets = manage.store().secretsOf(clientId);
        if (secrets.isEmpty()) {
            throw Failure.invalidParameter("Client secrets can only be added to an app client that has a client secret.");
        }
        if (secrets.size() >= AppClient.MAX_SECRETS) {
            // Limit: Cognito API doc (up to 2 active secrets); message [U].
            throw Failure.limitExceeded("App client " + clientId + " already has the maximum number of "
                    + AppClient.MAX_SECRETS + " client secrets.");
        }
        if (customSecret != null) {
            checkCustomSecret(customSecret);
        }
        // The id is {clientId}--{epoch millis}: keep it unique when two adds share a millisecond.
        Instant created = now;
        for (ClientSecret secret : secrets) {
            if (!created.isAfter(secret.creationDate())) {
                created = secret.creationDate().plusMillis(1);
            }
        }
        ClientSecret secret = customSecret != null
                ? ClientSecret.create(clientId, customSecret, false, created)
                : ClientSecret.create(clientId, Ids.clientSecret(), true, created);
        manage.store().insertSecret(poolId, secret);
        manage.directory().refresh(poolId);
        return secret;
    }

    public List<ClientSecret> listSecrets(String region, String poolId, String clientId) {
        PoolLookup.require(manage.store(), region, poolId);
        require(poolId, clientId);
        return manage.store().secretsOf(clientId);
    }

    /** Cognito API: DeleteUserPoolClientSecret — the last secret cannot be deleted. */
    public void deleteSecret(String region, String poolId, String clientId, String secretId) {
        PoolLookup.require(manage.store(), region, poolId);
        require(poolId, clientId);
        List<ClientSecret> secrets = manage.store().secretsOf(clientId);
        if (secrets.stream().noneMatch(s -> s.secretId().equals(secretId))) {
            // Message [U].
            throw Failure.notFound("Client secret " + secretId + " does not exist.");
        }
        if (secrets.size() == 1) {
            // Rule: Cognito API doc; message [U].
            throw Failure.invalidParameter("You cannot delete the last client secret of an app client.");
        }
        manage.store().deleteSecret(poolId, secretId);
        manage.directory().refresh(poolId);
    }

    private AppClient require(String poolId, String clientId) {
        // Observed message (SPEC §4.1); a client of another pool is just as absent.
        return manage.store().findClient(poolId, clientId)
                .orElseThrow(() -> Failure.notFound("User pool client " + clientId + " does not exist."));
    }

    private AppClient build(String poolId, String clientId, Settings s, String previousName, Instant created,
                            Instant modified) {
        TokenValidity validity = TokenValidity.resolve(s.accessValidity(), s.idValidity(), s.refreshValidity(),
                s.accessUnit(), s.idUnit(), s.refreshUnit());
        return new AppClient(poolId, clientId, s.clientName() != null ? s.clientName() : previousName, validity,
                orDefault(s.explicitAuthFlows(), AppClient.DEFAULT_EXPLICIT_AUTH_FLOWS),
                orDefault(s.supportedIdentityProviders(), List.of()),
                orDefault(s.callbackUrls(), List.of()),
                orDefault(s.logoutUrls(), List.of()),
                s.defaultRedirectUri(),
                orDefault(s.allowedOAuthFlows(), List.of()),
                orDefault(s.allowedOAuthScopes(), List.of()),
                // Cognito API: AllowedOAuthFlowsUserPoolClient defaults to false, EnableTokenRevocation to true.
                s.allowedOAuthFlowsUserPoolClient() != null && s.allowedOAuthFlowsUserPoolClient(),
                s.enableTokenRevocation() == null || s.enableTokenRevocation(),
                s.extraSettings(), created, modified);
    }

    private void validate(AppClient client, Settings settings, boolean hasSecret) {
        Set<String> defined = new HashSet<>();
        for (ResourceServer server : manage.store().resourceServersOf(client.poolId())) {
            defined.addAll(server.fullScopeNames());
        }
        client.validate(hasSecret, defined);
        if (settings.propagateUserContextData() && !hasSecret) {
            // Rule: Cognito API doc of EnablePropagateAdditionalUserContextData; message [U].
            throw Failure.invalidParameter(
                    "EnablePropagateAdditionalUserContextData can only be enabled for an app client with a client secret.");
        }
    }

    /** ClientSecretType: 24–64 characters of {@code [\w+]} (SPEC §3.1), in Coral's message style. */
    private static void checkCustomSecret(String secret) {
        if (secret.length() < ClientSecret.MIN_LENGTH || secret.length() > ClientSecret.MAX_LENGTH
                || !SECRET_PATTERN.matcher(secret).matches()) {
            // The value is a secret: never echo it.
            throw Failure.invalidParameter("1 validation error detected: Value at 'clientSecret' failed to satisfy "
                    + "constraint: Member must have length between 24 and 64 and satisfy regular expression "
                    + "pattern: [\\w+]+");
        }
    }

    private static <T> List<T> orDefault(List<T> value, List<T> defaultValue) {
        return value != null ? value : defaultValue;
    }
}
