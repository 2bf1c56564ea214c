package dev.gatehouse.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.SharedMapper;
import dev.gatehouse.keys.JwksDocument;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.store.Directory;
import dev.gatehouse.store.DirectoryHolder;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code GET /{poolId}/.well-known/jwks.json} (SPEC §2.3) and
 * {@code GET /{poolId}/.well-known/openid-configuration} (SPEC §2.4), served under the issuer base
 * exactly as Cognito serves them under {@code https://cognito-idp.{region}.amazonaws.com}. Both read
 * the in-memory directory; the JWK Set is rendered once per published key set and reused.
 *
 * <p>The published set depends on the instant (a retired key leaves on its own once its last
 * token has expired), so it is computed from the clock per request and the rendering is cached
 * by the kids it lists. JWKS caching: {@code Cache-Control: public, max-age=N} with N at most
 * 300 s and never longer than the pool's pre-publication delay (SECURITY KS-05), so a cache
 * refreshes before a newly published key starts signing.
 */
public final class WellKnownEndpoints {

    static final String JWKS_CACHE_CONTROL = "public, max-age=300";
    static final long MAX_AGE_SECONDS = 300;
    private static final String JSON = "application/json";
    private static final Pattern POOL_ID = Pattern.compile("^[\\w-]+_[0-9a-zA-Z]+$");
    private static final Logger LOG = LoggerFactory.getLogger(WellKnownEndpoints.class);

    private record Rendered(List<String> kids, String document) {
    }

    private final DirectoryHolder directory;
    private final Supplier<String> issuerBaseUrl;
    private final String domainSuffix;
    private final Clock clock;
    private final Duration defaultPrePublication;
    private final Map<String, Rendered> jwksCache = new ConcurrentHashMap<>();

    /** @param defaultPrePublication the server's pre-publication delay, for pools without their own */
    public WellKnownEndpoints(DirectoryHolder directory, Supplier<String> issuerBaseUrl, String domainSuffix,
                              Clock clock, Duration defaultPrePublication) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.issuerBaseUrl = Objects.requireNonNull(issuerBaseUrl, "issuerBaseUrl");
        this.domainSuffix = Objects.requireNonNull(domainSuffix, "domainSuffix");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultPrePublication = Objects.requireNonNull(defaultPrePublication, "defaultPrePublication");
    }

    public void jwks(RoutingContext ctx) {
        String poolId = ctx.pathParam("param0");
        Optional<Directory.PoolEntry> pool = directory.current().pool(poolId);
        if (pool.isEmpty()) {
            jwksCache.remove(poolId);
            notFound(ctx, poolId);
            return;
        }
        List<SigningKey> keys = pool.get().publishedKeys(clock.instant());
        List<String> kids = keys.stream().map(SigningKey::kid).toList();
        Rendered cached = jwksCache.get(poolId);
        if (cached == null || !cached.kids().equals(kids)) {
            // A kid names one immutable key, so the same kids always render the same document.
            cached = new Rendered(kids, JwksDocument.render(keys));
            jwksCache.put(poolId, cached);
        }
        send(ctx, 200, jwksCacheControl(pool.get()), cached.document());
    }

    /** max-age no longer than the pool's pre-publication delay (KS-05), and at most 300 s. */
    private String jwksCacheControl(Directory.PoolEntry pool) {
        long prePublication = pool.keyPolicy().prePublication(defaultPrePublication).toSeconds();
        return prePublication >= MAX_AGE_SECONDS ? JWKS_CACHE_CONTROL : "public, max-age=" + prePublication;
    }

    public void openidConfiguration(RoutingContext ctx) {
        String poolId = ctx.pathParam("param0");
        Optional<Directory.PoolEntry> pool = directory.current().pool(poolId);
        if (pool.isEmpty()) {
            notFound(ctx, poolId);
            return;
        }
        send(ctx, 200, JWKS_CACHE_CONTROL, discovery(pool.get()));
    }

    /**
     * SPEC §2.4 with Gatehouse's URLs, members alphabetical. Endpoints Gatehouse does not serve
     * (authorize, logout, userInfo — user flows) are left out rather than advertised as 404s;
     * revocation (RFC 7009) and introspection (RFC 7662) are advertised per RFC 8414.
     */
    private String discovery(Directory.PoolEntry pool) {
        String base = issuerBaseUrl.get();
        String issuer = base + "/" + pool.pool().id();
        ObjectNode doc = SharedMapper.get().createObjectNode();
        String tokenEndpoint = tokenEndpoint(base, pool.domains());
        String oauthBase = tokenEndpoint.substring(0, tokenEndpoint.length() - "/token".length());
        // Cognito's ["RS256"]; an ES256 pool lists the algorithms of the keys it publishes now.
        ArrayNode algorithms = doc.putArray("id_token_signing_alg_values_supported");
        pool.publishedKeys(clock.instant()).stream().map(SigningKey::algorithm).distinct().sorted()
                .forEach(algorithm -> algorithms.add(algorithm.name()));
        doc.put("introspection_endpoint", oauthBase + "/introspect");
        doc.putArray("introspection_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
        doc.put("issuer", issuer);
        doc.put("jwks_uri", issuer + "/.well-known/jwks.json");
        doc.putArray("response_types_supported").add("code").add("token");
        doc.put("revocation_endpoint", oauthBase + "/revoke");
        doc.putArray("revocation_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
        doc.putArray("scopes_supported").add("openid").add("email").add("phone").add("profile");
        doc.putArray("subject_types_supported").add("public");
        doc.put("token_endpoint", tokenEndpoint);
        doc.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
        try {
            return SharedMapper.get().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The pool's domain URL when it has one (a prefix domain first: it resolves to loopback with no
     * DNS set-up), with the issuer base's scheme and port; otherwise the endpoint on the issuer base.
     */
    private String tokenEndpoint(String base, List<Domain> domains) {
        Optional<Domain> domain = domains.stream().filter(d -> !d.custom()).findFirst()
                .or(() -> domains.stream().findFirst());
        if (domain.isEmpty()) {
            return base + "/oauth2/token";
        }
        URI uri = URI.create(base);
        String host = domain.get().custom()
                ? domain.get().domain()
                : domain.get().domain() + ".auth." + domain.get().region() + "." + domainSuffix;
        return uri.getScheme() + "://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/oauth2/token";
    }

    private void notFound(RoutingContext ctx, String poolId) {
        ObjectNode body = SharedMapper.get().createObjectNode();
        // Echo the id only when it has the shape of one (Cognito echoes it).
        body.put("message", poolId != null && poolId.length() <= 55 && POOL_ID.matcher(poolId).matches()
                ? "User pool " + poolId + " does not exist."
                : "User pool does not exist.");
        send(ctx, 404, "no-store", body.toString());
    }

    private void send(RoutingContext ctx, int status, String cacheControl, String body) {
        try {
            ctx.response().setStatusCode(status)
                    .putHeader("Content-Type", JSON)
                    .putHeader("Cache-Control", cacheControl)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Access-Control-Allow-Origin", "*")
                    .end(Buffer.buffer(body));
        } catch (RuntimeException e) {
            LOG.error("well-known response failed", e);
            ctx.fail(500);
        }
    }
}
