package dev.gatehouse.oauth;

import dev.gatehouse.net.ClientAddress;
import dev.gatehouse.token.IssuedToken;
import dev.gatehouse.token.TokenError;
import dev.gatehouse.token.TokenIssuer;
import dev.gatehouse.store.DirectoryHolder;
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
 * {@code POST /oauth2/token} — the RFC 6749 edge of the client-credentials grant (SPEC §1). Reads a
 * bounded body without buffering more than {@link #BODY_LIMIT}, parses it strictly, extracts the
 * client credentials, works out which pool the Host names, and hands records to
 * {@link TokenIssuer}; every outcome leaves through {@link OAuthResponses}. Runs on the event
 * loop: issuance reads memory and signs (DESIGN §4).
 *
 * <p>Evaluation order (SPEC §1.6a): method → Content-Type → credentials in the query →
 * form syntax → {@code grant_type} → credential extraction → Host → authenticate → flows → scopes.
 */
public final class TokenEndpoint {

    /** Real token requests are a few hundred bytes. */
    static final int BODY_LIMIT = 16 * 1024;
    static final int PARAMETER_LIMIT = 32;
    static final String CLIENT_CREDENTIALS = "client_credentials";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final TokenIssuer issuer;
    private final DirectoryHolder directory;
    private final Clock clock;
    private final AuthDomains domains;
    private final ClientAddress clientAddress;

    /** @param domainSuffix pool prefix domains are {@code {prefix}.auth.{region}.{domainSuffix}} */
    public TokenEndpoint(TokenIssuer issuer, DirectoryHolder directory, String domainSuffix, Clock clock) {
        this(issuer, directory, domainSuffix, clock, ClientAddress.direct());
    }

    /** @param clientAddress who the caller is: the key of failure throttling (SECURITY TE-20) */
    public TokenEndpoint(TokenIssuer issuer, DirectoryHolder directory, String domainSuffix, Clock clock,
                         ClientAddress clientAddress) {
        this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.domains = new AuthDomains(directory, domainSuffix);
    }

    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String requestId = UUID.randomUUID().toString();
        try {
            if (request.method() != HttpMethod.POST) {
                OAuthResponses.methodNotAllowed(response, requestId, clock);
                return;
            }
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && declaredTooLarge(length)) {
                discardBody(request);
                OAuthResponses.tooLarge(response, requestId, clock);
                return;
            }
            if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
                response.writeContinue();
            }
            readBody(request, response, requestId);
        } catch (RuntimeException e) {
            OAuthResponses.serverError(response, requestId, clock, e);
        }
    }

    private void readBody(HttpServerRequest request, HttpServerResponse response, String requestId) {
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return; // already answered: discard the rest, buffer nothing
            }
            if (body.length() + chunk.length() > BODY_LIMIT) {
                tooLarge[0] = true;
                OAuthResponses.tooLarge(response, requestId, clock);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ignored -> {
            if (!tooLarge[0]) {
                respond(request, response, requestId, body.getBytes());
            }
        });
        request.resume();
    }

    private void respond(HttpServerRequest request, HttpServerResponse response, String requestId, byte[] body) {
        try {
            IssuedToken token = issue(request, body);
            OAuthResponses.ok(response, requestId, clock, token);
        } catch (TokenError error) {
            OAuthResponses.error(response, requestId, clock, error);
        } catch (RuntimeException e) {
            OAuthResponses.serverError(response, requestId, clock, e);
        }
    }

    private IssuedToken issue(HttpServerRequest request, byte[] body) {
        if (!formContentType(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            throw TokenError.invalidRequest("Content-Type must be application/x-www-form-urlencoded.");
        }
        String query = request.query();
        if (query != null && !query.isEmpty()) {
            Map<String, String> queryParams = FormParser.parse(query.getBytes(StandardCharsets.UTF_8), PARAMETER_LIMIT);
            if (queryParams.containsKey("client_id") || queryParams.containsKey("client_secret")) {
                // RFC 6749 §2.3.1: credentials MUST NOT be in the request URI (SECURITY TE-10).
                throw TokenError.invalidRequest("Client credentials must not be sent in the URL.");
            }
        }
        Map<String, String> form = FormParser.parse(body, PARAMETER_LIMIT);
        String grantType = form.get("grant_type");
        if (grantType == null) {
            throw TokenError.invalidRequest("grant_type is required.");
        }
        // authorization_code and refresh_token are Cognito grants for users signed in through the
        // hosted UI; Gatehouse serves machines only, so for it they are grant types it does not
        // support (RFC 6749 §5.2 unsupported_grant_type), not grants this client may not use.
        // Values are case-sensitive and NUL is not stripped (SECURITY TE-14).
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            throw TokenError.of(TokenError.Code.UNSUPPORTED_GRANT_TYPE);
        }
        if (form.containsKey("resource")) {
            // Cognito: resource binding is for user flows only, never client credentials (SPEC §1.2).
            throw TokenError.invalidRequest("resource is not supported with client_credentials.");
        }
        PresentedCredentials presented = PresentedCredentials.of(request.getHeader(HttpHeaders.AUTHORIZATION), form);
        return issuer.clientCredentials(clientAddress.of(request), presented.credentials(), presented.alternative(),
                domains.poolOfHost(request.getHeader(HttpHeaders.HOST)),
                form.get("scope"));
    }

    /** The media type, compared case-insensitively; parameters such as charset are allowed. */
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
            return Long.parseLong(contentLength.trim()) > BODY_LIMIT;
        } catch (NumberFormatException e) {
            return true; // the HTTP codec rejects it anyway; never buffer an unbounded body
        }
    }

    private static void discardBody(HttpServerRequest request) {
        request.handler(ignored -> { });
        request.resume();
    }
}
