package dev.gatehouse.oauth;

import dev.gatehouse.net.ClientAddress;
import dev.gatehouse.observe.AuditLog;
import dev.gatehouse.runtime.Blocking;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.token.ClientAuthenticator;
import dev.gatehouse.token.Revocations;
import dev.gatehouse.token.TokenIssuer;
import io.vertx.ext.web.Router;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/** Mounts the auth plane (DESIGN §1): the token endpoint on any host, and the well-known documents. */
public final class OAuthRoutes {

    private OAuthRoutes() {
    }

    /**
     * @param issuerBaseUrl read per request: the default base is known only once the listener is bound
     * @param domainSuffix  pool prefix domains are {@code {prefix}.auth.{region}.{domainSuffix}}
     * @param keyPrePublication the server's default signing-key pre-publication delay (bounds JWKS max-age)
     * @param clientAddress resolves the caller's address (trusted proxies) for throttling and audit
     */
    public static void mount(Router router, TokenIssuer issuer, DirectoryHolder directory,
                             Supplier<String> issuerBaseUrl, String domainSuffix, Clock clock,
                             Duration keyPrePublication, ClientAddress clientAddress) {
        TokenEndpoint token = new TokenEndpoint(issuer, directory, domainSuffix, clock, clientAddress);
        WellKnownEndpoints wellKnown = new WellKnownEndpoints(directory, issuerBaseUrl, domainSuffix, clock,
                keyPrePublication);
        router.route("/oauth2/token").handler(token::handle);
        router.getWithRegex("/([^/]+)/\\.well-known/jwks\\.json").handler(wellKnown::jwks);
        router.getWithRegex("/([^/]+)/\\.well-known/openid-configuration").handler(wellKnown::openidConfiguration);
    }

    /**
     * Mounts {@code /oauth2/revoke} (RFC 7009) and {@code /oauth2/introspect} (RFC 7662), on any
     * host like the token endpoint; see docs/revocation.md.
     */
    public static void mountRevocation(Router router, AccessTokenVerifier verifier, Revocations revocations,
                                       DirectoryHolder directory, Blocking blocking, AuditLog audit,
                                       String domainSuffix, Clock clock) {
        AuthenticatedForms forms = new AuthenticatedForms(new ClientAuthenticator(), directory,
                new AuthDomains(directory, domainSuffix), clock);
        RevocationEndpoint revoke = new RevocationEndpoint(forms, verifier, revocations, blocking, audit, clock);
        router.route("/oauth2/revoke").handler(revoke::handle);
        router.route("/oauth2/introspect").handler(new IntrospectionEndpoint(forms, verifier, clock)::handle);
    }
}
