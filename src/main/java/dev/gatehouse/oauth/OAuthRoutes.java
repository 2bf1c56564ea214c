package dev.gatehouse.oauth;

import dev.gatehouse.store.DirectoryHolder;
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
     */
    public static void mount(Router router, TokenIssuer issuer, DirectoryHolder directory,
                             Supplier<String> issuerBaseUrl, String domainSuffix, Clock clock,
                             Duration keyPrePublication) {
        TokenEndpoint token = new TokenEndpoint(issuer, directory, domainSuffix, clock);
        WellKnownEndpoints wellKnown = new WellKnownEndpoints(directory, issuerBaseUrl, domainSuffix, clock,
                keyPrePublication);
        router.route("/oauth2/token").handler(token::handle);
        router.getWithRegex("/([^/]+)/\\.well-known/jwks\\.json").handler(wellKnown::jwks);
        router.getWithRegex("/([^/]+)/\\.well-known/openid-configuration").handler(wellKnown::openidConfiguration);
    }
}
