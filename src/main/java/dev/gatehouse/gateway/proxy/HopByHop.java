package dev.gatehouse.gateway.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hop-by-hop fields (RFC 9110 §7.6.1): the fixed list plus every field the {@code Connection} header
 * names. Removed from both directions before the gateway adds its own fields, so a client cannot
 * nominate {@code X-Forwarded-For} or a claim header as hop-by-hop and have the gateway's value
 * dropped (SECURITY GW-08).
 */
public final class HopByHop {

    static final Set<String> FIXED = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "proxy-authenticate", "proxy-authorization", "http2-settings");

    private static final AsciiString[] FIXED_ASCII = FIXED.stream().map(AsciiString::of).toArray(AsciiString[]::new);

    private HopByHop() {
    }

    public static void strip(MultiMap headers) {
        for (String name : nominated(headers)) {
            headers.remove(name);
        }
        for (String name : FIXED) {
            headers.remove(name);
        }
    }

    /** The lower-case names the {@code Connection} fields nominate; empty (and allocation-free) without one. */
    static Set<String> nominated(MultiMap headers) {
        List<String> connection = headers.getAll("Connection");
        if (connection.isEmpty()) {
            return Set.of();
        }
        return names(connection);
    }

    /**
     * The names beyond the fixed list ({@code keep-alive} and {@code close}, nearly always the only
     * ones, are removed anyway): nothing is allocated for those.
     */
    private static Set<String> names(List<String> connection) {
        Set<String> names = null;
        for (String value : connection) {
            if (value.equalsIgnoreCase("keep-alive")) {
                continue; // the usual value: one name, on the fixed list already
            }
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String name = value.substring(start, end).trim();
                if (!name.isEmpty() && !isHopByHop((CharSequence) name)) {
                    if (names == null) {
                        names = new HashSet<>();
                    }
                    names.add(name.toLowerCase(Locale.ROOT));
                }
                start = end + 1;
            }
        }
        return names == null ? Set.of() : names;
    }

    static boolean isHopByHop(String name) {
        return FIXED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** {@link #isHopByHop(String)} without a lower-case copy: it runs for every backend response field. */
    static boolean isHopByHop(CharSequence name) {
        return ProxyHeaders.isOneOf(name, FIXED_ASCII);
    }

    /** The lower-case names a backend response's {@code Connection} fields nominate. */
    static Set<String> nominated(HttpHeaders headers) {
        if (!headers.contains(HttpHeaderNames.CONNECTION)) {
            return Set.of();
        }
        return names(headers.getAll(HttpHeaderNames.CONNECTION));
    }
}
