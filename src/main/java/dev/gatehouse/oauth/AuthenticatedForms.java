package dev.gatehouse.oauth;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.store.Directory;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.token.ClientAuthenticator;
import dev.gatehouse.token.TokenError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The front half of the revocation (RFC 7009) and introspection (RFC 7662) endpoints: a POSTed,
 * bounded form body from a client authenticated exactly as at the token endpoint (RFC 7009 §2.1,
 * RFC 7662 §2.1) — Basic or body credentials, not both, none in the URL, strict form parsing,
 * the pool of the Host, constant-time secret check, disabled clients refused. Every refusal leaves
 * through {@link OAuthResponses} ({@code invalid_client} 401, else 400).
 */
final class AuthenticatedForms {

    /** One authenticated request: its client and form parameters. */
    record Request(String requestId, AppClient client, Map<String, String> form, RoutingContext ctx) {

        String sourceAddress() {
            return ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        }
    }

    /** What an endpoint does with an authenticated request; may throw {@link TokenError}. */
    @FunctionalInterface
    interface Handler {
        void handle(Request request);
    }

    private static final String FORM = "application/x-www-form-urlencoded";

    private final ClientAuthenticator authenticator;
    private final DirectoryHolder directory;
    private final AuthDomains domains;
    private final Clock clock;

    AuthenticatedForms(ClientAuthenticator authenticator, DirectoryHolder directory, AuthDomains domains, Clock clock) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.domains = Objects.requireNonNull(domains, "domains");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads, authenticates and hands over, or answers the refusal itself. */
    void handle(RoutingContext ctx, String endpoint, Handler handler) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String requestId = UUID.randomUUID().toString();
        try {
            if (request.method() != HttpMethod.POST) {
                OAuthResponses.methodNotAllowed(response, requestId, clock, endpoint);
                return;
            }
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && declaredTooLarge(length)) {
                request.handler(ignored -> { });
                request.resume();
                OAuthResponses.tooLarge(response, requestId, clock);
                return;
            }
            Buffer body = Buffer.buffer();
            boolean[] tooLarge = {false};
            request.handler(chunk -> {
                if (tooLarge[0]) {
                    return;
                }
                if (body.length() + chunk.length() > TokenEndpoint.BODY_LIMIT) {
                    tooLarge[0] = true;
                    OAuthResponses.tooLarge(response, requestId, clock);
                    return;
                }
                body.appendBuffer(chunk);
            });
            request.endHandler(ignored -> {
                if (!tooLarge[0]) {
                    respond(ctx, requestId, body.getBytes(), handler);
                }
            });
            request.resume();
        } catch (RuntimeException e) {
            OAuthResponses.serverError(response, requestId, clock, e);
        }
    }

    private void respond(RoutingContext ctx, String requestId, byte[] body, Handler handler) {
        try {
            Map<String, String> form = readForm(ctx.request(), body);
            AppClient client = authenticate(ctx.request(), form);
            handler.handle(new Request(requestId, client, form, ctx));
        } catch (TokenError error) {
            OAuthResponses.error(ctx.response(), requestId, clock, error);
        } catch (RuntimeException e) {
            OAuthResponses.serverError(ctx.response(), requestId, clock, e);
        }
    }

    private static Map<String, String> readForm(HttpServerRequest request, byte[] body) {
        if (!formContentType(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            throw TokenError.invalidRequest("Content-Type must be application/x-www-form-urlencoded.");
        }
        String query = request.query();
        if (query != null && !query.isEmpty()) {
            Map<String, String> queryParams = FormParser.parse(query.getBytes(StandardCharsets.UTF_8),
                    TokenEndpoint.PARAMETER_LIMIT);
            if (queryParams.containsKey("client_id") || queryParams.containsKey("client_secret")
                    || queryParams.containsKey("token")) {
                // RFC 6749 §2.3.1; a token in a URL ends up in logs (RFC 6750 §2.3).
                throw TokenError.invalidRequest("Credentials and tokens must not be sent in the URL.");
            }
        }
        return FormParser.parse(body, TokenEndpoint.PARAMETER_LIMIT);
    }

    private AppClient authenticate(HttpServerRequest request, Map<String, String> form) {
        PresentedCredentials presented = PresentedCredentials.of(request.getHeader(HttpHeaders.AUTHORIZATION), form);
        String requiredPool = domains.poolOfHost(request.getHeader(HttpHeaders.HOST));
        Directory snapshot = directory.current();
        AppClient client = authenticator.authenticate(snapshot, presented.credentials(), presented.alternative());
        if ((requiredPool != null && !requiredPool.equals(client.poolId()))
                || snapshot.revocations(client.poolId()).isDisabled(client.clientId())) {
            throw TokenError.invalidClient();
        }
        return client;
    }

    private static boolean formContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase(FORM);
    }

    private static boolean declaredTooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > TokenEndpoint.BODY_LIMIT;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
