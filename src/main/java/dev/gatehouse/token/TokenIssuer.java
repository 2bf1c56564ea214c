package dev.gatehouse.token;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.store.Directory;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.token.throttle.ClientThrottle;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Issues M2M access tokens for the two ways Cognito offers them: the client-credentials grant of
 * {@code POST /oauth2/token} (RFC 6749 §4.4) and the {@code GetClientToken} API action. One
 * straight pipeline — authenticate → check the client may use this way → resolve scopes → sign —
 * reading only the in-memory {@link Directory}, never the database (DESIGN §3).
 */
public final class TokenIssuer {

    private final DirectoryHolder directory;
    private final ClientAuthenticator authenticator;
    private final ScopeResolver scopes;
    private final AccessTokenFactory tokens;
    private final ClientThrottle throttle;
    private final Clock clock;

    public TokenIssuer(DirectoryHolder directory, ClientAuthenticator authenticator, ScopeResolver scopes,
                       AccessTokenFactory tokens, ClientThrottle throttle, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The client-credentials grant (SPEC §1.6a steps 3–9).
     *
     * @param source       the caller's address (net.ClientAddress), the key of failure throttling
     * @param alternative  the decoded form of Basic credentials, tried only if {@code credentials} fail; may be null
     * @param requiredPool the pool of the domain the request was sent to, or null when the host names no pool domain
     * @param scope        the form's {@code scope} value, or null
     */
    public IssuedToken clientCredentials(String source, ClientAuthenticator.Credentials credentials,
                                         ClientAuthenticator.Credentials alternative,
                                         String requiredPool, String scope) {
        Directory snapshot = directory.current();
        AppClient client = authenticate(snapshot, source, credentials, alternative);
        if (requiredPool != null && !requiredPool.equals(client.poolId())) {
            // A client of another pool does not exist on this pool's domain (SPEC §1.6a step 4).
            throttle.refused(credentials.clientId(), source, "client_not_in_domain_pool");
            throw TokenError.invalidClient();
        }
        if (!client.allowedOAuthFlowsUserPoolClient()) {
            throw TokenError.of(TokenError.Code.INVALID_GRANT); // observed on Cognito, SPEC §1.6
        }
        if (!client.allowsClientCredentials()) {
            throw TokenError.of(TokenError.Code.UNAUTHORIZED_CLIENT); // RFC 6749 §5.2
        }
        return issue(snapshot, client, scopes.parse(scope));
    }

    /**
     * The GetClientToken action (SPEC §1.7): the same token, for clients whose ExplicitAuthFlows
     * hold {@code ALLOW_CLIENT_TOKEN_AUTH}; no domain involved.
     *
     * @param requested the {@code Scopes} member, or null
     */
    public IssuedToken clientToken(String source, String clientId, String secret, List<String> requested) {
        Directory snapshot = directory.current();
        AppClient client = authenticate(snapshot, source, new ClientAuthenticator.Credentials(clientId, secret), null);
        if (!client.allowsClientTokenAuth()) {
            throw TokenError.of(TokenError.Code.UNAUTHORIZED_CLIENT);
        }
        return issue(snapshot, client, requested);
    }

    /** Throttled before the secret is compared; a mismatch is counted (SECURITY TE-20). */
    private AppClient authenticate(Directory snapshot, String source, ClientAuthenticator.Credentials credentials,
                                   ClientAuthenticator.Credentials alternative) {
        throttle.checkAttempt(credentials.clientId(), source);
        try {
            AppClient client = authenticator.authenticate(snapshot, credentials, alternative);
            if (snapshot.revocations(client.poolId()).isDisabled(client.clientId())) {
                throw TokenError.invalidClient(); // Gatehouse: DisableUserPoolClient
            }
            return client;
        } catch (TokenError failed) {
            throttle.failed(credentials.clientId(), source);
            throw failed;
        }
    }

    private IssuedToken issue(Directory snapshot, AppClient client, List<String> requested) {
        Directory.PoolEntry pool = snapshot.pool(client.poolId())
                .orElseThrow(() -> TokenError.of(TokenError.Code.TEMPORARILY_UNAVAILABLE));
        String granted = scopes.resolve(client, pool.definedScopes(), requested);
        throttle.issue(client.clientId(),
                snapshot.client(client.clientId()).map(Directory.ClientEntry::rateLimit).orElse(null));
        long now = clock.instant().getEpochSecond();
        String token = tokens.create(pool, client, granted, now);
        return new IssuedToken(token, client.validity().accessSeconds(), IssuedToken.BEARER, granted);
    }
}
