package dev.gatehouse.gateway;

import dev.gatehouse.gateway.auth.AuthDecision;
import dev.gatehouse.gateway.auth.MethodAuthorizer;
import dev.gatehouse.gateway.proxy.Forwarder;
import dev.gatehouse.gateway.proxy.ProxyHeaders;
import dev.gatehouse.gateway.proxy.RequestMapping;
import dev.gatehouse.gateway.throttle.StageThrottles;
import dev.gatehouse.model.api.DeployedStage;
import dev.gatehouse.model.api.Integration;
import dev.gatehouse.net.ClientAddress;
import dev.gatehouse.observe.AccessLog;
import dev.gatehouse.observe.AccessLogEntry;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway pipeline (DESIGN §5, as oathkeeper): route → throttle → authenticate/authorize → mutate
 * → forward, for both URL forms of DESIGN §1:
 * <ul>
 *   <li>host form: {@code Host: {apiId}.execute-api.{region}.{domainSuffix}[:port]}, path {@code /{stage}/{path}};</li>
 *   <li>path form: {@code /restapis/{apiId}/{stage}/_user_request_/{path}} on any host.</li>
 * </ul>
 * {@link #handle} must run before every other route (the host form owns every path of its host);
 * requests of neither form go on with {@code ctx.next()}. The path is parsed once by
 * {@link RequestPath}: what is matched is what is forwarded.
 */
public final class GatewayHandler {

    private static final String PATH_FORM_PREFIX = "/restapis/";
    private static final String USER_REQUEST = "_user_request_";

    /** The methods API Gateway defines; ANY means these. */
    private static final Set<String> API_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final StageLookup stages;
    private final RouteTables tables;
    private final MethodAuthorizer authorizer;
    private final StageThrottles throttles;
    private final Forwarder forwarder;
    private final ClientAddress clientAddress;
    private final AccessLog accessLog;
    private final String hostSuffix;
    private final Clock clock;

    public GatewayHandler(StageLookup stages, RouteTables tables, MethodAuthorizer authorizer, StageThrottles throttles,
                          Forwarder forwarder, ClientAddress clientAddress, AccessLog accessLog, String domainSuffix,
                          Clock clock) {
        this.stages = stages;
        this.tables = tables;
        this.authorizer = authorizer;
        this.throttles = throttles;
        this.forwarder = forwarder;
        this.clientAddress = clientAddress;
        this.accessLog = accessLog;
        this.hostSuffix = "." + domainSuffix.toLowerCase(Locale.ROOT);
        this.clock = clock;
    }

    /** The single entry point: the lead mounts it first on the router. */
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String[] hostForm = executeApiHost(request.getHeader(HttpHeaders.HOST));
        String uri = request.uri();
        if (hostForm == null && !uri.startsWith("/") && executeApiHost(authority(uri)) != null) {
            // Absolute-form (RFC 9112 §3.2.2): its authority, not Host, names the target; the gateway is not
            // reached by a Host/authority mismatch (GW-12).
            new Exchange(request, null).fail(GatewayError.badRequest("absolute_form"));
            return;
        }
        if (hostForm != null) {
            serveHostForm(request, hostForm[0], hostForm[1], uri);
        } else if (uri.startsWith(PATH_FORM_PREFIX) && isPathForm(uri)) {
            servePathForm(request, uri);
        } else {
            ctx.next();
        }
    }

    /** {apiId, region} when the Host is an execute-api host of this gateway, else null. */
    String[] executeApiHost(String host) {
        if (host == null) {
            return null;
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        if (!name.endsWith(hostSuffix)) {
            return null;
        }
        String[] labels = name.substring(0, name.length() - hostSuffix.length()).split("\\.", -1);
        if (labels.length != 3 || !labels[1].equals("execute-api") || labels[0].isEmpty() || labels[2].isEmpty()) {
            return null;
        }
        return new String[]{labels[0], labels[2]};
    }

    /** The authority of an absolute-form target ({@code http://host:port/...}), else null. */
    private static String authority(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        String rest = uri.substring(scheme + 3);
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        return authority.substring(authority.lastIndexOf('@') + 1);
    }

    private static boolean isPathForm(String uri) {
        String path = uri.split("[?#]", 2)[0];
        String[] parts = path.split("/", 6);
        return parts.length >= 5 && parts[4].equals(USER_REQUEST);
    }

    private void serveHostForm(HttpServerRequest request, String apiId, String region, String uri) {
        Exchange exchange = new Exchange(request, apiId);
        Optional<RequestPath> path = parseTarget(exchange, uri);
        if (path.isEmpty()) {
            return;
        }
        if (path.get().raw().isEmpty()) {
            exchange.fail(GatewayError.missingAuthenticationToken("no_stage"));
            return;
        }
        exchange.stage = path.get().decoded().get(0);
        serve(exchange, region, path.get().from(1));
    }

    private void servePathForm(HttpServerRequest request, String uri) {
        Exchange exchange = new Exchange(request, null);
        Optional<RequestPath> path = parseTarget(exchange, uri);
        if (path.isEmpty()) {
            return;
        }
        List<String> decoded = path.get().decoded();
        exchange.apiId = decoded.get(1);
        exchange.stage = decoded.get(2);
        serve(exchange, null, path.get().from(4));
    }

    /**
     * Splits path and query; a method API Gateway does not define (TRACE, CONNECT: GW-18 — an ANY
     * method would otherwise forward them), a fragment, an absolute-form target or a refused path is
     * 400 (GW-10..12). Ambiguous framing (GW-02..06) never gets here: the listener's FramingGuard refuses it,
     * and Netty would have dropped Content-Length beside Transfer-Encoding anyway.
     */
    private Optional<RequestPath> parseTarget(Exchange exchange, String uri) {
        if (!API_METHODS.contains(exchange.request.method().name())) {
            exchange.fail(GatewayError.badRequest("unsupported_method"));
            return Optional.empty();
        }
        int question = uri.indexOf('?');
        String rawPath = question < 0 ? uri : uri.substring(0, question);
        exchange.query = question < 0 ? null : uri.substring(question + 1);
        exchange.path = rawPath;
        Optional<RequestPath> path = uri.startsWith("/") && uri.indexOf('#') < 0 ? RequestPath.parse(rawPath)
                : Optional.empty();
        if (path.isEmpty()) {
            exchange.fail(GatewayError.badRequest("ambiguous_path"));
        }
        return path;
    }

    private void serve(Exchange exchange, String region, RequestPath path) {
        HttpServerRequest request = exchange.request;
        Optional<DeployedStage> found = stages.stage(exchange.apiId, exchange.stage);
        if (found.isEmpty() || (region != null && !found.get().region().equalsIgnoreCase(region))) {
            exchange.fail(GatewayError.missingAuthenticationToken("unknown_stage"));
            return;
        }
        DeployedStage stage = found.get();
        Optional<RouteTable.Match> match = tables.of(stage).match(request.method().name(), path);
        if (match.isEmpty()) {
            exchange.fail(GatewayError.missingAuthenticationToken("no_route"));
            return;
        }
        exchange.resourcePath = match.get().resource().path();
        if (!throttles.tryAcquire(stage, exchange.resourcePath, request.method().name())) {
            exchange.fail(GatewayError.tooManyRequests("throttled"));
            return;
        }
        authorizer.authorize(stage, match.get().method(), request.headers(), exchange.query).onComplete(decided -> {
            if (decided.failed()) {
                exchange.fail(GatewayError.internal("authorizer_failed"));
            } else if (!decided.result().allowed()) {
                exchange.clientId = decided.result().clientId();
                exchange.fail(decided.result().error());
            } else {
                exchange.clientId = decided.result().clientId();
                integrate(exchange, stage, match.get(), decided.result());
            }
        });
    }

    private void integrate(Exchange exchange, DeployedStage stage, RouteTable.Match match, AuthDecision auth) {
        Integration integration = match.method().integration();
        String type = integration == null ? "" : integration.type().toUpperCase(Locale.ROOT);
        if (type.equals("MOCK")) {
            MockIntegration.Answer answer = MockIntegration.answer(integration);
            exchange.integrationLatencyMillis = 0;
            exchange.respond(answer.status(), "application/json", answer.body());
            return;
        }
        if (!type.equals("HTTP_PROXY") || integration.uri() == null) {
            exchange.fail(GatewayError.internal("unsupported_integration"));
            return;
        }
        HttpServerRequest request = exchange.request;
        RequestMapping.Targets targets = integration.requestParameters().isEmpty() ? RequestMapping.Targets.NONE
                : RequestMapping.evaluate(integration, new RequestMapping.Source(match.pathParameters(),
                        request.params(), request.headers(), auth.claims(), stage.stage().variables(), exchange.requestId));
        String uri = RequestMapping.substitute(integration.uri(), targets.path(), match.pathParameters());
        if (uri == null) {
            exchange.fail(GatewayError.internal("mapping_failed"));
            return;
        }
        uri = withQuery(uri, exchange.query, targets.query());
        HttpMethod method = integration.httpMethod() == null || integration.httpMethod().equalsIgnoreCase("ANY")
                ? request.method() : HttpMethod.valueOf(integration.httpMethod().toUpperCase(Locale.ROOT));
        ProxyHeaders.Caller caller = new ProxyHeaders.Caller(exchange.clientAddress(), request.isSSL(),
                request.getHeader(HttpHeaders.HOST));
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue(); // only now that the caller is authorized (GW-16)
        }
        int timeout = integration.timeoutInMillis() > 0 ? integration.timeoutInMillis() : Integration.DEFAULT_TIMEOUT_MILLIS;
        long started = System.nanoTime();
        exchange.response().putHeader("x-amzn-RequestId", exchange.requestId);
        exchange.forwarding = forwarder.forward(request, method, uri, targets.headers(), caller, timeout,
                exchange.response(), outcome -> {
            exchange.integrationLatencyMillis = (System.nanoTime() - started) / 1_000_000;
            if (outcome.error() != null) {
                exchange.fail(outcome.error());
            } else {
                exchange.status = outcome.status();
            }
        });
    }

    private static String withQuery(String uri, String query, Map<String, String> mapped) {
        if ((query == null || query.isEmpty()) && mapped.isEmpty()) {
            return uri;
        }
        StringBuilder out = new StringBuilder(uri);
        char separator = uri.indexOf('?') < 0 ? '?' : '&';
        if (query != null && !query.isEmpty()) {
            out.append(separator).append(query);
            separator = '&';
        }
        for (Map.Entry<String, String> parameter : mapped.entrySet()) {
            out.append(separator).append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return out.toString();
    }

    /** One request's state, for the response and the access-log line. */
    private final class Exchange {
        final HttpServerRequest request;
        final String requestId = RequestIds.next();
        final long startNanos = System.nanoTime();
        final java.time.Instant startTime = clock.instant();
        String apiId;
        String stage;
        String resourcePath;
        String path;
        String query;
        String clientId;
        String errorReason;
        int status;
        long integrationLatencyMillis = -1;
        /** The backend exchange under way, to cancel when the caller goes. */
        Forwarder.Forwarding forwarding;
        private String clientAddress;

        Exchange(HttpServerRequest request, String apiId) {
            this.request = request;
            this.apiId = apiId;
            request.pause(); // the body waits for the authorizer: nothing is read before the caller is known
            HttpServerResponse response = request.response();
            response.endHandler(v -> log());
            response.closeHandler(v -> {
                if (status == 0) {
                    status = 499;
                }
                if (forwarding != null) {
                    forwarding.cancel();
                }
            });
        }

        HttpServerResponse response() {
            return request.response();
        }

        /** Resolved once: both the backend's X-Forwarded-For and the access log need it. */
        String clientAddress() {
            if (clientAddress == null) {
                clientAddress = GatewayHandler.this.clientAddress.of(request);
            }
            return clientAddress;
        }

        void fail(GatewayError error) {
            errorReason = error.reason();
            HttpServerResponse response = request.response();
            if (response.ended() || response.closed()) {
                return; // the caller is gone, or has its answer: nothing more may be written
            }
            if (response.headWritten()) {
                response.reset();
                return;
            }
            response.headers().clear();
            response.putHeader("x-amzn-ErrorType", error.errorType());
            if (error.wwwAuthenticate() != null) {
                response.putHeader("WWW-Authenticate", error.wwwAuthenticate());
            }
            respond(error.status(), "application/json", error.body());
        }

        void respond(int code, String contentType, String body) {
            status = code;
            HttpServerResponse response = request.response();
            response.setStatusCode(code);
            response.putHeader("x-amzn-RequestId", requestId);
            response.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
            if (carriesBody(request)) {
                // The body was never read: do not leave it in the connection for the next request (GW-16).
                response.putHeader(HttpHeaders.CONNECTION, "close");
                response.end(body).onComplete(v -> request.connection().close());
            } else {
                request.resume();
                response.end(body);
            }
        }

        private void log() {
            accessLog.record(new AccessLogEntry(startTime, requestId, apiId, stage, resourcePath,
                    request.method().name(), path, AccessLog.redactQuery(query), status == 0 ? response().getStatusCode() : status,
                    (System.nanoTime() - startNanos) / 1_000_000, integrationLatencyMillis, clientId,
                    clientAddress(), errorReason));
        }
    }

    private static boolean carriesBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || (length != null && !length.equals("0"));
    }
}
