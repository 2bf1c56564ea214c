package dev.gatehouse.admin.apigateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.admin.AdminCredentials;
import dev.gatehouse.admin.apigateway.openapi.OpenApiException;
import dev.gatehouse.admin.awsjson.AwsJsonException;
import dev.gatehouse.admin.sigv4.AwsRegionNames;
import dev.gatehouse.admin.sigv4.SigV4Exception;
import dev.gatehouse.admin.sigv4.SigV4Verifier;
import dev.gatehouse.admin.sigv4.SignedRequest;
import dev.gatehouse.admin.sigv4.VerifiedCaller;
import dev.gatehouse.json.SharedMapper;
import dev.gatehouse.model.api.ApiFailure;
import dev.gatehouse.observe.AuditEvent;
import dev.gatehouse.observe.AuditLog;
import dev.gatehouse.runtime.Blocking;
import dev.gatehouse.runtime.Lazy;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The API Gateway management API (AWS REST-JSON, signing name {@code apigateway}): route by HTTP
 * method and path as the botocore model's requestUri, authenticate by SigV4, run the operation on a
 * worker, answer with the model's output shape, or with status + {@code x-amzn-ErrorType} +
 * {@code {"message"}} on failure.
 */
public final class ApiGatewayEndpoint {

    public static final String SIGNING_NAME = "apigateway";
    /**
     * The management paths: every top-level path of the apigateway model (unimplemented ones answer in
     * API Gateway's error shape); the runtime's {@code /restapis/{id}/{stage}/_user_request_/...} is left to the gateway.
     */
    public static final String PATH_REGEX = "^/(?:restapis(?![^?]*/_user_request_(?:/|$))(?:/.*)?|tags/.+"
            + "|(?:account|apikeys|clientcertificates|domainnames|domainnameaccessassociations"
            + "|rejectdomainnameaccessassociations|sdktypes|usageplans|vpclinks)(?:/.*)?)$";
    private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayEndpoint.class);

    private final Lazy<List<ApiRoute>> routes;
    private final SigV4Verifier verifier;
    private final Blocking blocking;
    private final Clock clock;
    private final AuditLog audit;

    /**
     * @param routes made by the first call (they include every operation of the API Gateway model, which
     *               start-up need not load, issue 5)
     */
    public ApiGatewayEndpoint(Supplier<List<ApiRoute>> routes, AdminCredentials credentials, Blocking blocking,
                              Clock clock, AuditLog audit) {
        this.routes = Lazy.of(() -> {
            // Routes with a fixed query (POST /restapis?mode=import) are tried before those of the same path without.
            List<ApiRoute> ordered = new ArrayList<>(routes.get());
            ordered.sort(Comparator.comparing(route -> !route.template().contains("?")));
            return List.copyOf(ordered);
        });
        this.verifier = new SigV4Verifier(credentials::secretKeyFor, clock, SIGNING_NAME, AwsRegionNames::isWellFormed);
        this.blocking = blocking;
        this.clock = clock;
        this.audit = audit;
    }

    public void handle(RoutingContext ctx) {
        String requestId = UUID.randomUUID().toString();
        Future.succeededFuture()
                .map(ignored -> prepare(ctx))
                .compose(prepared -> blocking.run(() -> prepared.route().responder().handle(prepared.call()))
                        .andThen(result -> audit(prepared, result.failed() ? outcomeOf(result.cause()) : AuditEvent.SUCCESS))
                        .map(output -> new Answer(prepared.route().status(), output)))
                .onSuccess(answer -> respond(ctx, requestId, answer.status(), answer.body()))
                .onFailure(failure -> fail(ctx, requestId, failure));
    }

    /** Failures raised before {@link #handle} runs, such as an oversized body (HTTP 413). */
    public void handleRouteFailure(RoutingContext ctx) {
        String requestId = UUID.randomUUID().toString();
        if (ctx.statusCode() == 413) {
            fail(ctx, requestId, new ApiGatewayException("RequestEntityTooLargeException", 413, "Request Too Long"));
        } else {
            fail(ctx, requestId, ctx.failure() != null ? ctx.failure() : new IllegalStateException("route failure"));
        }
    }

    private record Prepared(ApiRoute route, ApiCall call, String accessKeyId) {
    }

    private record Answer(int status, ApiReply body) {
    }

    private Prepared prepare(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        VerifiedCaller caller = authenticate(request, body);
        List<String> segments = segments(request.path());
        String method = request.method().name();
        Map<String, List<String>> query = query(request.query());
        for (ApiRoute route : routes.get()) {
            Optional<Map<String, String>> params = route.match(method, segments, query);
            if (params.isPresent()) {
                ObjectNode input = route.rawBody() ? SharedMapper.get().createObjectNode() : parse(route.operation(), body);
                ApiCall call = new ApiCall(caller.region(), params.get(), query, input, body, headers(request));
                return new Prepared(route, call, caller.accessKeyId());
            }
        }
        throw new ApiGatewayException("NotFoundException", 404, "Invalid request path " + safe(request.path()));
    }

    private VerifiedCaller authenticate(HttpServerRequest request, byte[] body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().entries());
        if (request.version() == HttpVersion.HTTP_2 && request.authority() != null) {
            headers.add(Map.entry("host", request.authority().toString()));
        }
        try {
            return verifier.verify(new SignedRequest(request.method().name(), request.path(), request.query(), headers, body));
        } catch (SigV4Exception refused) {
            throw new ApiGatewayException(refused.code(), refused.httpStatus(), refused.getMessage());
        }
    }

    /**
     * The body as the model reads it: strict JSON, value kinds, then the body members' constraints.
     * API Gateway answers every such refusal as BadRequestException.
     */
    private static ObjectNode parse(String operation, byte[] body) {
        try {
            return ApiGatewayModel.BODY_READER.read(operation, body);
        } catch (AwsJsonException e) {
            throw ApiGatewayException.badRequest(e.wireMessage().orElse("Could not parse request body into json"));
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String segment : rawPath.substring(1).split("/", -1)) {
            out.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Map<String, String> headers(HttpServerRequest request) {
        Map<String, String> out = new HashMap<>();
        request.headers().forEach(entry -> out.putIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue()));
        return out;
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /** Every management write is one audit event; reads are not audited. */
    private void audit(Prepared prepared, String outcome) {
        if (prepared.route().httpMethod().equals("GET")) {
            return;
        }
        String target = prepared.call().param("restapi_id") != null ? prepared.call().param("restapi_id")
                : prepared.call().param("resource_arn");
        audit.record(new AuditEvent(clock.instant(), prepared.route().operation(), outcome, prepared.accessKeyId(),
                null, target, Map.of("region", prepared.call().region())));
    }

    private static String outcomeOf(Throwable failure) {
        if (failure instanceof ApiGatewayException e) {
            return e.type();
        }
        if (failure instanceof ApiFailure f) {
            return ApiGatewayException.from(f).type();
        }
        if (failure instanceof OpenApiException e) {
            return e.errorType();
        }
        return "InternalFailure";
    }

    private void respond(RoutingContext ctx, String requestId, int status, ApiReply reply) {
        Buffer body;
        String contentType = "application/json";
        if (reply.raw()) {
            body = Buffer.buffer(reply.bytes());
            contentType = reply.contentType();
            reply.headers().forEach(ctx.response()::putHeader);
        } else {
            try {
                body = Buffer.buffer(reply.json() == null ? "" : SharedMapper.get().writeValueAsString(reply.json()));
            } catch (JsonProcessingException e) {
                fail(ctx, requestId, e);
                return;
            }
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", contentType)
                .putHeader("x-amzn-RequestId", requestId)
                .putHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC)))
                .end(body);
    }

    private void fail(RoutingContext ctx, String requestId, Throwable failure) {
        ApiGatewayException error;
        if (failure instanceof ApiGatewayException e) {
            error = e;
        } else if (failure instanceof ApiFailure f) {
            error = ApiGatewayException.from(f);
        } else if (failure instanceof OpenApiException e) {
            // API Gateway: a document that cannot be imported is a BadRequestException with the import's message.
            error = ApiGatewayException.badRequest(e.getMessage());
        } else {
            LOG.error("API Gateway management request {} failed unexpectedly", requestId, failure);
            error = new ApiGatewayException("InternalFailure", 500, "Internal server error");
        }
        ObjectNode body = SharedMapper.get().createObjectNode();
        body.put("message", error.getMessage());
        ctx.response().putHeader("x-amzn-ErrorType", error.type());
        respond(ctx, requestId, error.status(), ApiReply.json(body));
    }

    private static String safe(String value) {
        String trimmed = value.length() > 128 ? value.substring(0, 128) : value;
        return trimmed.replaceAll("[^A-Za-z0-9/_.{}-]", "?");
    }
}
