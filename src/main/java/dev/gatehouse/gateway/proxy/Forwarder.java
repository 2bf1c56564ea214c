package dev.gatehouse.gateway.proxy;

import dev.gatehouse.gateway.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.ConnectException;

/**
 * The forward stage of {@code HTTP_PROXY} (the only class that talks to backends): one Vert.x
 * {@link HttpClient} whose keep-alive pool is per backend origin, request and response bodies
 * streamed both ways, no automatic retry. Until the backend's status line arrives the integration
 * timeout runs (→ 504 {@code Endpoint request timed out}); connection failures and malformed
 * backend responses → 502 {@code Internal server error}. Hop-by-hop fields are removed from the
 * response as from the request.
 */
public final class Forwarder {

    /** What the handler learns: the backend's status (for the access log) or the refusal to send. */
    public record Outcome(int status, GatewayError error) {
    }

    private final Vertx vertx;
    private final HttpClient client;

    public Forwarder(Vertx vertx) {
        this.vertx = vertx;
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setMaxInitialLineLength(8192)
                .setMaxHeaderSize(16 * 1024)
                .setDecompressionSupported(false);
        this.client = vertx.httpClientBuilder().with(options).with(new PoolOptions().setHttp1MaxSize(64))
                // Ambiguous response framing fails the exchange (502) and the connection (GW-19).
                .withConnectHandler(connection -> ResponseFraming.install(connection, options))
                .build();
    }

    /**
     * Sends {@code inbound}'s body (paused by the caller) to {@code absoluteUri} and streams the answer
     * into {@code outbound}. On success the response has been started (its end follows the backend's).
     */
    public Future<Outcome> forward(HttpServerRequest inbound, HttpMethod method, String absoluteUri, MultiMap headers,
                                   int timeoutMillis, HttpServerResponse outbound) {
        Promise<Outcome> outcome = Promise.promise();
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setAbsoluteURI(absoluteUri)
                .setHeaders(headers)
                .setConnectTimeout(timeoutMillis)
                .setFollowRedirects(false);
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (outcome.tryComplete(new Outcome(504, GatewayError.timeout()))) {
                inbound.resume();
            }
        });
        client.request(options).onComplete(created -> {
            if (created.failed()) {
                vertx.cancelTimer(timer);
                outcome.tryComplete(failure(created.cause()));
                return;
            }
            HttpClientRequest request = created.result();
            outcome.future().onSuccess(o -> {
                if (o.error() != null) {
                    request.reset(); // timed out: the connection is not reused
                }
            });
            Future<HttpClientResponse> sent;
            if (hasBody(inbound)) {
                sent = request.send(inbound); // pipes, and so resumes, the paused body
            } else {
                // Nothing to read, but a paused request never ends: its keep-alive connection would
                // stall the next request behind it.
                inbound.resume();
                sent = request.send();
            }
            sent.onComplete(answered -> {
                vertx.cancelTimer(timer);
                if (answered.failed()) {
                    outcome.tryComplete(failure(answered.cause()));
                    return;
                }
                HttpClientResponse response = answered.result();
                if (!outcome.tryComplete(new Outcome(response.statusCode(), null))) {
                    return;
                }
                outbound.setStatusCode(response.statusCode());
                if (response.statusMessage() != null) {
                    outbound.setStatusMessage(response.statusMessage());
                }
                ProxyHeaders.toCaller(response.headers(), outbound.headers());
                if (!outbound.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                    outbound.setChunked(true);
                }
                response.pipeTo(outbound).onFailure(e -> outbound.reset());
            });
        });
        return outcome.future();
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || (length != null && !length.equals("0"));
    }

    private static Outcome failure(Throwable cause) {
        String reason = cause instanceof ConnectException ? "integration_connect_failed" : "integration_failed";
        return new Outcome(502, GatewayError.integrationFailure(reason));
    }


    public void close() {
        client.close();
    }
}
