package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.SharedMapper;
import dev.gatehouse.model.Failure;
import dev.gatehouse.net.ClientAddress;
import dev.gatehouse.observe.AuditEvent;
import dev.gatehouse.observe.AuditLog;
import dev.gatehouse.runtime.Blocking;
import dev.gatehouse.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Cognito management API (AWS JSON 1.1, SPEC §4.1): {@code POST /} with
 * {@code X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>}. One straight chain per
 * request: target → authenticate (SigV4, or the client secret for GetClientToken) → read and
 * validate the input against the AWS model → run the action on a worker → render; every failure
 * leaves through {@link #fail}.
 */
public final class CognitoEndpoint {

    public static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    /** Gatehouse's own operations (key rotation, revocation, ...), signed like Cognito's. */
    public static final String GATEHOUSE_PREFIX = "GatehouseService.";
    public static final String SIGNING_NAME = "cognito-idp";
    /** Operations AWS authorizes by the client secret instead of IAM (SPEC §4.1). */
    private static final Set<String> UNSIGNED = Set.of("GetClientToken");
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final Logger LOG = LoggerFactory.getLogger(CognitoEndpoint.class);

    /** Verifies the caller of a signed operation; returns the region and access key. */
    @FunctionalInterface
    public interface Authenticator {
        Caller authenticate(HttpServerRequest request, byte[] body);
    }

    public record Caller(String accessKeyId, String region) {
    }

    /** Parses and validates the body of an operation against the AWS model. */
    public interface InputReader {
        /** Whether AWS defines the operation at all (to tell "unknown" from "not implemented"). */
        boolean knows(String operation);

        ObjectNode read(String operation, byte[] body);
    }

    /** One family of operations behind a target prefix: its actions and how their inputs are read. */
    public record ServiceTarget(String prefix, Map<String, CognitoAction> actions, InputReader reader) {
        public ServiceTarget {
            actions = Map.copyOf(actions);
        }
    }

    private final List<ServiceTarget> targets;
    private final Authenticator authenticator;
    private final Blocking blocking;
    private final Clock clock;
    private final String defaultRegion;
    private final AuditLog audit;
    private final ClientAddress clientAddress;

    public CognitoEndpoint(List<ServiceTarget> targets, Authenticator authenticator,
                           Blocking blocking, Clock clock, String defaultRegion, AuditLog audit) {
        this(targets, authenticator, blocking, clock, defaultRegion, audit, ClientAddress.direct());
    }

    public CognitoEndpoint(List<ServiceTarget> targets, Authenticator authenticator, Blocking blocking, Clock clock,
                           String defaultRegion, AuditLog audit, ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
        this.targets = List.copyOf(targets);
        this.authenticator = authenticator;
        this.blocking = blocking;
        this.clock = clock;
        this.defaultRegion = defaultRegion;
        this.audit = audit;
    }

    public void handle(RoutingContext ctx) {
        String requestId = UUID.randomUUID().toString();
        Future.succeededFuture()
                .map(ignored -> prepare(ctx))
                .compose(prepared -> blocking.run(() -> prepared.action().handle(prepared.call()))
                        .andThen(result -> audit(ctx, prepared.call(),
                                result.failed() ? outcomeOf(result.cause()) : AuditEvent.SUCCESS,
                                result.succeeded() ? result.result() : null)))
                .onSuccess(output -> respond(ctx, requestId, 200, output))
                .onFailure(failure -> fail(ctx, requestId, failure));
    }

    /** Every management write is one audit event, whatever its outcome; reads are not audited. */
    private void audit(RoutingContext ctx, CognitoCall call, String outcome, ObjectNode output) {
        if (isRead(call.operation())) {
            return;
        }
        audit.record(new AuditEvent(call.now(), call.operation(), outcome,
                call.accessKeyId() != null ? call.accessKeyId() : Inputs.string(call.input(), "ClientId"),
                call.source(),
                createdId(output).orElseGet(() -> targetOf(call.input())), Map.of("region", call.region())));
    }

    private static boolean isRead(String operation) {
        return operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get");
    }

    /** The id of what a Create* operation made: a new pool or app client. */
    private static java.util.Optional<String> createdId(ObjectNode output) {
        if (output == null) {
            return java.util.Optional.empty();
        }
        String pool = output.path("UserPool").path("Id").asText(null);
        String client = output.path("UserPoolClient").path("ClientId").asText(null);
        return java.util.Optional.ofNullable(client != null ? client : pool);
    }

    /** The most specific identifier the input names; never a secret member. */
    private static String targetOf(ObjectNode input) {
        for (String member : new String[] {"ClientId", "Identifier", "Domain", "UserPoolId", "ResourceArn"}) {
            String value = Inputs.string(input, member);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String outcomeOf(Throwable failure) {
        if (failure instanceof CognitoException cognito) {
            return cognito.type();
        }
        if (failure instanceof Failure business) {
            return CognitoErrors.typeOf(business.kind());
        }
        return "InternalErrorException";
    }

    /** Failures raised before {@link #handle} runs, such as an oversized body (HTTP 413). */
    public void handleRouteFailure(RoutingContext ctx) {
        String requestId = UUID.randomUUID().toString();
        if (ctx.statusCode() == 413) {
            fail(ctx, requestId, new CognitoException("SerializationException", 413, "The request body is too large."));
        } else {
            fail(ctx, requestId, ctx.failure() != null ? ctx.failure() : new IllegalStateException("route failure " + ctx.statusCode()));
        }
    }

    private Prepared prepare(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String target = request.getHeader("X-Amz-Target");
        if (target == null || target.isEmpty()) {
            throw new CognitoException("UnknownOperationException", 400, "Missing X-Amz-Target header.");
        }
        ServiceTarget service = targets.stream().filter(t -> target.startsWith(t.prefix())).findFirst()
                .orElseThrow(() -> new CognitoException("UnknownOperationException", 400, "Unknown operation target."));
        String operation = target.substring(service.prefix().length());
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        Caller caller = service.prefix().equals(TARGET_PREFIX) && UNSIGNED.contains(operation)
                ? new Caller(null, defaultRegion)
                : authenticator.authenticate(request, body);
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-amz-json-1.")) {
            throw new CognitoException("SerializationException", 400,
                    "Content-Type must be " + CONTENT_TYPE + ".");
        }
        InputReader reader = service.reader();
        if (!reader.knows(operation)) {
            throw new CognitoException("UnknownOperationException", 400, "Unknown operation " + safe(operation) + ".");
        }
        if (!service.actions().containsKey(operation)) {
            throw new CognitoException("UnsupportedOperationException", 400,
                    "Gatehouse does not implement " + operation + "; see docs/compatibility.md.");
        }
        ObjectNode input = reader.read(operation, body);
        return new Prepared(new CognitoCall(operation, caller.region(), caller.accessKeyId(), input, clock.instant(),
                clientAddress.of(request)),
                service.actions().get(operation));
    }

    /** A call ready to run, with the action that runs it. */
    private record Prepared(CognitoCall call, CognitoAction action) {
    }

    private void respond(RoutingContext ctx, String requestId, int status, ObjectNode body) {
        String text;
        try {
            text = SharedMapper.get().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            fail(ctx, requestId, e);
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("x-amzn-RequestId", requestId)
                .putHeader("Date", httpDate())
                .end(Buffer.buffer(text));
    }

    private void fail(RoutingContext ctx, String requestId, Throwable failure) {
        CognitoException error = toCognito(failure, requestId);
        ObjectNode body = SharedMapper.get().createObjectNode();
        body.put("__type", error.type());
        if (error.getMessage() != null) {
            body.put("message", error.getMessage());
        }
        ctx.response().putHeader("x-amzn-ErrorType", error.type());
        respond(ctx, requestId, error.status(), body);
    }

    private static CognitoException toCognito(Throwable failure, String requestId) {
        if (failure instanceof CognitoException cognito) {
            return cognito;
        }
        if (failure instanceof Failure business) {
            return CognitoErrors.from(business);
        }
        if (failure instanceof StoreException) {
            LOG.error("Management request {} failed in the store", requestId, failure);
        } else {
            LOG.error("Management request {} failed unexpectedly", requestId, failure);
        }
        return CognitoErrors.internal();
    }

    private String httpDate() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC));
    }

    /** Echo only a short, plain form of caller-supplied names. */
    private static String safe(String value) {
        String trimmed = value.length() > 64 ? value.substring(0, 64) : value;
        return trimmed.replaceAll("[^A-Za-z0-9]", "?");
    }
}
