package dev.gatehouse.oauth;

import dev.gatehouse.token.IssuedToken;
import dev.gatehouse.token.TokenError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one renderer of token-endpoint responses. Success is exactly
 * {@code {"access_token","expires_in","token_type"}} (SPEC §1.5: no scope, no refresh token);
 * errors are {@code {"error": …}} (RFC 6749 §5.2) with an optional fixed description. Every
 * response carries Cognito's OAuth header family (SPEC §1.5), which includes RFC 6749 §5.1's
 * {@code Cache-Control: no-store} and {@code Pragma: no-cache}.
 *
 * <p>Status codes (DESIGN §8): {@code invalid_client} is 401 with
 * {@code WWW-Authenticate: Basic realm="gatehouse"} on every such answer — also when the client
 * sent no credentials or sent them in the body — because RFC 9110 §15.5.2 requires the header on
 * every 401 and because the body-versus-header difference would otherwise be visible; the other
 * codes are 400, except {@code temporarily_unavailable} (503, or 429 with {@code Retry-After} when a
 * throttle refused the request: docs/abuse-protection.md).
 */
final class OAuthResponses {

    static final String JSON_UTF8 = "application/json;charset=UTF-8";
    static final String REALM = "Basic realm=\"gatehouse\"";
    private static final Logger LOG = LoggerFactory.getLogger(OAuthResponses.class);
    // Header names and fixed values as pre-encoded ASCII: written once per token, the hot path.
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence JSON_UTF8_VALUE = HttpHeaders.createOptimized(JSON_UTF8);
    private static final CharSequence DATE = HttpHeaders.createOptimized("Date");
    private static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized("Cache-Control");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-cache, no-store, max-age=0, must-revalidate");
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-amz-cognito-request-id");
    private static final CharSequence ALLOW_ORIGIN = HttpHeaders.createOptimized("Access-Control-Allow-Origin");
    private static final CharSequence ANY = HttpHeaders.createOptimized("*");
    /** Cognito's fixed header family (SPEC §1.5), in its order, between Cache-Control and the request id. */
    private static final CharSequence[] FIXED = {
            HttpHeaders.createOptimized("Pragma"), HttpHeaders.createOptimized("no-cache"),
            HttpHeaders.createOptimized("Expires"), HttpHeaders.createOptimized("0"),
            HttpHeaders.createOptimized("X-Content-Type-Options"), HttpHeaders.createOptimized("nosniff"),
            HttpHeaders.createOptimized("X-Frame-Options"), HttpHeaders.createOptimized("DENY"),
            HttpHeaders.createOptimized("X-XSS-Protection"), HttpHeaders.createOptimized("1; mode=block"),
            HttpHeaders.createOptimized("Strict-Transport-Security"),
            HttpHeaders.createOptimized("max-age=31536000 ; includeSubDomains"),
            HttpHeaders.createOptimized("Server"), HttpHeaders.createOptimized("Server"),
    };

    private OAuthResponses() {
    }

    static void ok(HttpServerResponse response, String requestId, Clock clock, IssuedToken token) {
        String body = "{\"access_token\":\"" + token.accessToken() + "\",\"expires_in\":" + token.expiresIn()
                + ",\"token_type\":\"" + token.tokenType() + "\"}";
        send(response, requestId, clock, 200, body);
    }

    /** Renders a refusal and logs it once, with its stable code and never a credential (STYLE habit 9). */
    static void error(HttpServerResponse response, String requestId, Clock clock, TokenError error) {
        LOG.info("token request {} refused: {}", requestId, error.code().wireName());
        int status = switch (error.code()) {
            case INVALID_CLIENT -> 401;
            case TEMPORARILY_UNAVAILABLE -> 503;
            case THROTTLED -> 429;
            default -> 400;
        };
        if (status == 429) {
            response.putHeader("Retry-After", Long.toString(error.retryAfterSeconds())); // RFC 6585 §4
        }
        if (status == 401) {
            response.putHeader("WWW-Authenticate", REALM);
        }
        send(response, requestId, clock, status, body(error.code().wireName(), error.description()));
    }

    /** 405 for anything but POST (SPEC §1.6a step 1). */
    static void methodNotAllowed(HttpServerResponse response, String requestId, Clock clock) {
        LOG.info("token request {} refused: method_not_allowed", requestId);
        response.putHeader("Allow", "POST");
        send(response, requestId, clock, 405, body("invalid_request", "The token endpoint accepts only POST."));
    }

    /** 413 for a body over the limit, answered before the rest is read (SECURITY TE-22). */
    static void tooLarge(HttpServerResponse response, String requestId, Clock clock) {
        LOG.info("token request {} refused: body_too_large", requestId);
        response.putHeader("Connection", "close");
        send(response, requestId, clock, 413, body("invalid_request", null));
    }

    /**
     * A success of the revocation (RFC 7009 §2.2: 200, empty body) or introspection (RFC 7662 §2.2)
     * endpoint, with the same header family as the token endpoint (no-store).
     */
    static void success(HttpServerResponse response, String requestId, Clock clock, String body) {
        send(response, requestId, clock, 200, body);
    }

    /** 405 for anything but POST at an endpoint other than the token endpoint. */
    static void methodNotAllowed(HttpServerResponse response, String requestId, Clock clock, String endpoint) {
        LOG.info("{} request {} refused: method_not_allowed", endpoint, requestId);
        response.putHeader("Allow", "POST");
        send(response, requestId, clock, 405, body("invalid_request", "This endpoint accepts only POST."));
    }

    /** Anything unexpected: details to the log only. */
    static void serverError(HttpServerResponse response, String requestId, Clock clock, Throwable failure) {
        LOG.error("token request {} failed unexpectedly", requestId, failure);
        if (!response.headWritten()) {
            send(response, requestId, clock, 500, body("server_error", null));
        }
    }

    private static String body(String error, String description) {
        // Both values are fixed texts of the catalogue: nothing to escape.
        return description == null
                ? "{\"error\":\"" + error + "\"}"
                : "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
    }

    private static void send(HttpServerResponse response, String requestId, Clock clock, int status, String body) {
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader(CONTENT_TYPE, JSON_UTF8_VALUE)
                .putHeader(DATE, HttpDate.of(clock))
                .putHeader(CACHE_CONTROL, NO_STORE);
        for (int i = 0; i < FIXED.length; i += 2) {
            response.putHeader(FIXED[i], FIXED[i + 1]);
        }
        response.putHeader(REQUEST_ID, requestId)
                .putHeader(ALLOW_ORIGIN, ANY)
                .end(Buffer.buffer(body));
    }

    /** The HTTP date of the current second, formatted once per second rather than per response. */
    private static final class HttpDate {

        private record Formatted(long second, String text) {
        }

        private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

        static String of(Clock clock) {
            long second = clock.millis() / 1000;
            Formatted cached = last;
            if (cached.second() != second) {
                cached = new Formatted(second, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        Instant.ofEpochSecond(second).atZone(ZoneOffset.UTC)));
                last = cached;
            }
            return cached.text();
        }
    }
}
