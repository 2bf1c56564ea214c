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
import dev.gatehouse.net.DirectExchange;
import dev.gatehouse.net.DirectRequests;
import dev.gatehouse.net.ResponseHead;
import dev.gatehouse.observe.AccessLog;
import dev.gatehouse.observe.AccessLogEntry;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AsciiString;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.impl.HttpUtils;

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
 * It serves its requests directly on each listener connection ({@link DirectRequests}), ahead of the
 * router: {@link #claims} decides from the request head (the host form owns every path of its host);
 * requests of neither form go on to the router. The path is parsed once by {@link RequestPath}: what
 * is matched is what is forwarded.
 */
public final class GatewayHandler implements DirectRequests.Server {

    private static final AsciiString REQUEST_ID = AsciiString.cached("x-amzn-RequestId");

    private static final String PATH_FORM_PREFIX = "/restapis/";
    private static final String USER_REQUEST = "_user_request_";
    /** The label between the API id and the region in an execute-api host name. */
    private static final String EXECUTE_API_LABEL = ".execute-api.";

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

    /** Whether this request is the gateway's: an execute-api host, the path form, or an absolute form naming one. */
    @Override
    public boolean claims(HttpRequest head) {
        String uri = head.uri();
        if (apiIdEnd(head.headers().get(HttpHeaderNames.HOST)) > 0) {
            return true;
        }
        if (!uri.startsWith("/")) {
            return apiIdEnd(authority(uri)) > 0;
        }
        return uri.startsWith(PATH_FORM_PREFIX) && isPathForm(uri);
    }

    /** Serves a request {@link #claims} took. */
    @Override
    public void serve(DirectExchange request) {
        String[] hostForm = executeApiHost(request.header(HttpHeaderNames.HOST));
        String uri = request.uri();
        if (hostForm != null) {
            serveHostForm(request, hostForm[0], hostForm[1], uri);
        } else if (uri.startsWith("/")) {
            servePathForm(request, uri);
        } else {
            // Absolute-form (RFC 9112 §3.2.2): its authority, not Host, names the target; the gateway is not
            // reached by a Host/authority mismatch (GW-12).
            new Exchange(request, null).fail(GatewayError.badRequest("absolute_form"));
        }
    }

    /**
     * {apiId, region} (lower case) when the Host is an execute-api host of this gateway, else null.
     */
    String[] executeApiHost(String host) {
        int firstDot = apiIdEnd(host);
        if (firstDot <= 0) {
            return null;
        }
        int suffix = hostEnd(host) - hostSuffix.length();
        return new String[]{host.substring(0, firstDot).toLowerCase(Locale.ROOT),
                host.substring(firstDot + EXECUTE_API_LABEL.length(), suffix).toLowerCase(Locale.ROOT)};
    }

    /**
     * Where the API id ends when {@code host} is an execute-api host of this gateway, else -1. Runs
     * for every request on the listener, so it compares in place rather than lower-casing and splitting.
     */
    private int apiIdEnd(String host) {
        if (host == null) {
            return -1;
        }
        int suffix = hostEnd(host) - hostSuffix.length();
        if (suffix <= 0 || !host.regionMatches(true, suffix, hostSuffix, 0, hostSuffix.length())) {
            return -1;
        }
        int firstDot = host.indexOf('.');
        int region = firstDot + EXECUTE_API_LABEL.length();
        if (firstDot <= 0 || region >= suffix || !host.regionMatches(true, firstDot, EXECUTE_API_LABEL, 0, EXECUTE_API_LABEL.length())
                || host.indexOf('.', region) != suffix) {
            return -1;
        }
        return firstDot;
    }

    /** The end of the host name: before a port, unless the colon is inside an IPv6 literal. */
    private static int hostEnd(String host) {
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(']') < colon ? colon : host.length();
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

    private void serveHostForm(DirectExchange request, String apiId, String region, String uri) {
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

    private void servePathForm(DirectExchange request, String uri) {
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
        DirectExchange request = exchange.request;
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
        authorizer.authorize(stage, match.get().method(), request.headers(), exchange.query).onComplete(decided ->
                request.onLoop(() -> authorized(exchange, stage, match.get(), decided)));
    }

    /** On the caller's event loop, whichever thread decided. */
    private void authorized(Exchange exchange, DeployedStage stage, RouteTable.Match match, AsyncResult<AuthDecision> decided) {
        if (decided.failed()) {
            exchange.fail(GatewayError.internal("authorizer_failed"));
            return;
        }
        exchange.clientId = decided.result().clientId();
        if (!decided.result().allowed()) {
            exchange.fail(decided.result().error());
        } else {
            integrate(exchange, stage, match, decided.result());
        }
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
        DirectExchange request = exchange.request;
        RequestMapping.Targets targets = integration.requestParameters().isEmpty() ? RequestMapping.Targets.NONE
                : RequestMapping.evaluate(integration, new RequestMapping.Source(match.pathParameters(),
                        HttpUtils.params(request.uri(), StandardCharsets.UTF_8, false), request.headers(), auth.claims(),
                        stage.stage().variables(), exchange.requestId));
        String uri = RequestMapping.substitute(integration.uri(), targets.path(), match.pathParameters());
        if (uri == null) {
            exchange.fail(GatewayError.internal("mapping_failed"));
            return;
        }
        uri = withQuery(uri, exchange.query, targets.query());
        String method = integration.httpMethod() == null || integration.httpMethod().equalsIgnoreCase("ANY")
                ? request.method().name() : integration.httpMethod().toUpperCase(Locale.ROOT);
        ProxyHeaders.Caller caller = new ProxyHeaders.Caller(exchange.clientAddress(), request.ssl(),
                request.header(HttpHeaderNames.HOST));
        if ("100-continue".equalsIgnoreCase(request.header(HttpHeaderNames.EXPECT))) {
            request.writeContinue(); // only now that the caller is authorized (GW-16)
        }
        int timeout = integration.timeoutInMillis() > 0 ? integration.timeoutInMillis() : Integration.DEFAULT_TIMEOUT_MILLIS;
        long started = System.nanoTime();
        String requestId = exchange.requestId;
        exchange.forwarding = forwarder.forward(request, method, uri, targets.headers(), caller, timeout,
                head -> head.add(REQUEST_ID, requestId), outcome -> {
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
        final DirectExchange request;
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

        Exchange(DirectExchange request, String apiId) {
            this.request = request;
            this.apiId = apiId;
            // The body stays paused (as a direct exchange starts) until the forwarder wants it: nothing is read
            // before the caller is known.
            request.endHandler(this::log);
            request.closeHandler(() -> {
                if (status == 0) {
                    status = 499;
                }
                if (forwarding != null) {
                    forwarding.cancel();
                }
            });
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
            if (request.ended() || request.closed()) {
                return; // the caller is gone, or has its answer: nothing more may be written
            }
            if (request.headSent()) {
                request.reset();
                return;
            }
            ResponseHead head = new ResponseHead(error.status(), null);
            head.add("x-amzn-ErrorType", error.errorType());
            if (error.wwwAuthenticate() != null) {
                head.add("WWW-Authenticate", error.wwwAuthenticate());
            }
            respond(head, "application/json", error.body());
        }

        void respond(int code, String contentType, String body) {
            respond(new ResponseHead(code, null), contentType, body);
        }

        private void respond(ResponseHead head, String contentType, String body) {
            status = head.status();
            head.add(REQUEST_ID, requestId);
            head.add(HttpHeaderNames.CONTENT_TYPE, contentType);
            // A body never read is not left in the connection for the next request (GW-16): it closes.
            request.respond(head, Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)), request.hasBody());
        }

        private void log() {
            accessLog.record(new AccessLogEntry(startTime, requestId, apiId, stage, resourcePath,
                    request.method().name(), path, AccessLog.redactQuery(query), status == 0 ? 200 : status,
                    (System.nanoTime() - startNanos) / 1_000_000, integrationLatencyMillis, clientId,
                    clientAddress(), errorReason));
        }
    }
}
