package dev.gatehouse.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyHeadersTest {

    private static final ProxyHeaders.Caller CALLER = new ProxyHeaders.Caller("203.0.113.7", true, "api.example");

    @Test
    void toBackendKeepsEndToEndFieldsWithTheirRepeatsAndOrder() {
        MultiMap caller = HttpHeaders.headers().add("Accept", "application/json").add("X-Trace", "a")
                .add("X-Trace", "b").add("User-Agent", "ua");

        MultiMap out = ProxyHeaders.toBackend(caller, Map.of(), CALLER);

        assertThat(out.getAll("x-trace")).containsExactly("a", "b");
        assertThat(out.get("Accept")).isEqualTo("application/json");
        assertThat(out.get("User-Agent")).isEqualTo("ua");
        assertThat(out.entries()).extracting(Map.Entry::getKey)
                .containsSubsequence("Accept", "X-Trace", "X-Trace", "User-Agent");
    }

    @Test
    void toBackendDropsHopByHopFieldsAndThoseConnectionNominatesInAnyCase() {
        MultiMap caller = HttpHeaders.headers().add("Connection", "keep-alive, X-Secret ,x-other")
                .add("Keep-Alive", "timeout=5").add("TE", "trailers").add("Transfer-Encoding", "chunked")
                .add("Upgrade", "h2c").add("Proxy-Authorization", "Basic eA==").add("HTTP2-Settings", "AA")
                .add("x-secret", "1").add("X-OTHER", "2").add("X-Kept", "3");

        MultiMap out = ProxyHeaders.toBackend(caller, Map.of(), CALLER);

        assertThat(out.names()).containsExactlyInAnyOrder("X-Kept", "X-Forwarded-For", "X-Forwarded-Proto",
                "X-Forwarded-Host");
    }

    @Test
    void toBackendReplacesForwardingFieldsWithTheGatewaysOwn() {
        MultiMap caller = HttpHeaders.headers().add("Host", "evil").add("X-Forwarded-For", "10.0.0.1")
                .add("x-forwarded-proto", "http").add("X-Forwarded-Host", "evil").add("X-Forwarded-Port", "1")
                .add("Forwarded", "for=10.0.0.1").add("Expect", "100-continue")
                .add("Connection", "X-Forwarded-For");

        MultiMap out = ProxyHeaders.toBackend(caller, Map.of(), CALLER);

        assertThat(out.getAll("X-Forwarded-For")).containsExactly("203.0.113.7");
        assertThat(out.getAll("X-Forwarded-Proto")).containsExactly("https");
        assertThat(out.getAll("X-Forwarded-Host")).containsExactly("api.example");
        assertThat(out.contains("Host")).isFalse();
        assertThat(out.contains("X-Forwarded-Port")).isFalse();
        assertThat(out.contains("Forwarded")).isFalse();
        assertThat(out.contains("Expect")).isFalse();
    }

    @Test
    void toBackendOmitsForwardedHostWithoutCallerHost() {
        MultiMap out = ProxyHeaders.toBackend(HttpHeaders.headers(), Map.of(),
                new ProxyHeaders.Caller("203.0.113.7", false, null));

        assertThat(out.contains("X-Forwarded-Host")).isFalse();
        assertThat(out.get("X-Forwarded-Proto")).isEqualTo("http");
    }

    @Test
    void mappedNamesRemoveCallerFieldsSpelledWithUnderscoreOrAnyCase() {
        MultiMap caller = HttpHeaders.headers().add("x_client_id", "spoofed").add("X-CLIENT-ID", "spoofed")
                .add("X-Scope", "spoofed").add("X-Keep", "k");
        Map<String, String> mapped = new LinkedHashMap<>();
        mapped.put("X-Client-Id", "real-client");
        mapped.put("x-scope", null); // a source without a value: the caller's field still goes

        MultiMap out = ProxyHeaders.toBackend(caller, mapped, CALLER);

        assertThat(out.getAll("X-Client-Id")).containsExactly("real-client");
        assertThat(out.contains("x_client_id")).isFalse();
        assertThat(out.contains("X-Scope")).isFalse();
        assertThat(out.get("X-Keep")).isEqualTo("k");
    }

    @Test
    void mappedValuesWithLineBreaksAreNotSet() {
        Map<String, String> mapped = new HashMap<>();
        mapped.put("X-A", "one\r\nX-Injected: 1");
        mapped.put("X-B", "two\nthree");

        MultiMap out = ProxyHeaders.toBackend(HttpHeaders.headers().add("X-A", "caller"), mapped, CALLER);

        assertThat(out.contains("X-A")).isFalse();
        assertThat(out.contains("X-B")).isFalse();
        assertThat(out.contains("X-Injected")).isFalse();
    }

    @Test
    void toCallerCopiesEndToEndFieldsOnly() {
        MultiMap backend = HttpHeaders.headers().add("Content-Type", "application/json").add("Content-Length", "2")
                .add("Set-Cookie", "a=1").add("Set-Cookie", "b=2").add("Connection", "keep-alive, X-Internal")
                .add("Keep-Alive", "timeout=5").add("Transfer-Encoding", "chunked").add("x-internal", "secret")
                .add("Upgrade", "websocket").add("Trailer", "X-T").add("Proxy-Authenticate", "Basic");
        MultiMap response = HttpHeaders.headers().add("x-amzn-RequestId", "r1");

        ProxyHeaders.toCaller((io.netty.handler.codec.http.HttpHeaders) backend, response::add);

        assertThat(response.names()).containsExactlyInAnyOrder("x-amzn-RequestId", "Content-Type", "Content-Length",
                "Set-Cookie");
        assertThat(response.getAll("set-cookie")).isEqualTo(List.of("a=1", "b=2"));
    }

    @Test
    void toCallerDropsContentLengthWhenConnectionNominatesIt() {
        MultiMap backend = HttpHeaders.headers().add("Content-Length", "2").add("Connection", "Content-Length");
        MultiMap response = HttpHeaders.headers();

        ProxyHeaders.toCaller((io.netty.handler.codec.http.HttpHeaders) backend, response::add);

        assertThat(response.isEmpty()).isTrue();
    }
}
