package dev.gatehouse.bench;

import dev.gatehouse.gateway.proxy.HopByHop;
import dev.gatehouse.gateway.proxy.ProxyHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's header handling per request, on the fields a typical API call and a typical backend
 * answer carry: the backend request's fields ({@link ProxyHeaders#toBackend}, without and with
 * {@code requestParameters} header mappings) and the caller's response fields
 * ({@link ProxyHeaders#toCaller}, including the response map it fills). {@code copyThenStrip*} is the
 * earlier implementation (copy every field, strip, then remove by a copied name set), kept here as
 * the reference the one-pass version is measured against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProxyHeadersBenchmark {

    private static final String TOKEN = "Bearer eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0." + "x".repeat(700) + "." + "s".repeat(342);
    private static final Set<String> NEVER_FORWARDED = Set.of("host", "expect", "forwarded", "x-forwarded-for",
            "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port");

    private final MultiMap caller = HttpHeaders.headers()
            .add("Host", "a1b2c3d4e5.execute-api.us-east-1.localhost:9229")
            .add("User-Agent", "orders-reporter/2.3 (+https://example.com)")
            .add("Accept", "application/json")
            .add("Accept-Encoding", "gzip, deflate")
            .add("Authorization", TOKEN)
            .add("Connection", "keep-alive")
            .add("X-Request-Id", "2f1d1f9e-4d43-4a5c-9a53-0d1c3c0c2a11")
            .add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    private final MultiMap backend = HttpHeaders.headers()
            .add("Server", "nginx/1.22.1")
            .add("Date", "Thu, 26 Nov 2026 07:00:00 GMT")
            .add("Content-Type", "application/json")
            .add("Content-Length", "27")
            .add("Connection", "keep-alive")
            .add("Cache-Control", "no-store")
            .add("ETag", "\"5f1-1a2b3c\"");
    private final ProxyHeaders.Caller who = new ProxyHeaders.Caller("203.0.113.7", false,
            "a1b2c3d4e5.execute-api.us-east-1.localhost:9229");
    private final Map<String, String> mapped = Map.of("X-Client-Id", "3n4b5urk1ft4fl3mg5e62d9ado",
            "X-Scope", "orders-api/orders.read");

    @Benchmark
    public MultiMap toBackend() {
        return ProxyHeaders.toBackend(caller, Map.of(), who);
    }

    @Benchmark
    public MultiMap toBackendWithMappedHeaders() {
        return ProxyHeaders.toBackend(caller, mapped, who);
    }

    @Benchmark
    public MultiMap toCaller() {
        MultiMap response = MultiMap.caseInsensitiveMultiMap();
        ProxyHeaders.toCaller((io.netty.handler.codec.http.HttpHeaders) backend, response::add);
        return response;
    }

    @Benchmark
    public MultiMap copyThenStripToBackend() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(caller);
        HopByHop.strip(headers);
        Set<String> mappedNames = new HashSet<>();
        for (String name : Map.<String, String>of().keySet()) {
            mappedNames.add(name.toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        for (String name : Set.copyOf(headers.names())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (NEVER_FORWARDED.contains(lower) || mappedNames.contains(lower.replace('_', '-'))) {
                headers.remove(name);
            }
        }
        headers.set("X-Forwarded-For", who.address());
        headers.set("X-Forwarded-Proto", "http");
        headers.set("X-Forwarded-Host", who.host());
        return headers;
    }

    @Benchmark
    public MultiMap copyThenStripToCaller() {
        MultiMap answer = MultiMap.caseInsensitiveMultiMap().addAll(backend);
        HopByHop.strip(answer);
        MultiMap response = MultiMap.caseInsensitiveMultiMap();
        response.addAll(answer);
        return response;
    }
}
