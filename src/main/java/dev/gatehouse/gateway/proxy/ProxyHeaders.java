package dev.gatehouse.gateway.proxy;

import io.vertx.core.MultiMap;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The header fields the proxy passes on, in one pass over each side's fields (no copy-then-remove):
 * <ul>
 *   <li>to the backend (GW-08, GW-09): the caller's fields minus hop-by-hop ones (the fixed list and
 *       those {@code Connection} names), minus the forwarding fields the gateway sets itself and minus
 *       every mapped header name (compared case-insensitively with {@code _} and {@code -} alike), then
 *       the gateway's {@code X-Forwarded-*} values and the mapped values;</li>
 *   <li>to the caller: the backend's fields minus hop-by-hop ones.</li>
 * </ul>
 */
public final class ProxyHeaders {

    /** Set by the gateway itself, or never passed on (the backend's Host is its own). */
    private static final Set<String> GATEWAY_OWNED = Set.of("host", "expect", "forwarded", "x-forwarded-for",
            "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port");
    private static final Set<String> NEVER_TO_BACKEND = union(HopByHop.FIXED, GATEWAY_OWNED);

    /** What the gateway knows about the caller, for the {@code X-Forwarded-*} fields. */
    public record Caller(String address, boolean https, String host) {
    }

    private ProxyHeaders() {
    }

    /**
     * The backend request's fields.
     *
     * @param mapped gateway-set headers by name; a null value removes the caller's field and sets nothing
     */
    public static MultiMap toBackend(MultiMap callerHeaders, Map<String, String> mapped, Caller caller) {
        Set<String> nominated = HopByHop.nominated(callerHeaders);
        Set<String> mappedNames = canonicalNames(mapped);
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        callerHeaders.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NEVER_TO_BACKEND.contains(lower) && !nominated.contains(lower)
                    && (mappedNames.isEmpty() || !mappedNames.contains(lower.replace('_', '-')))) {
                out.add(name, value);
            }
        });
        out.set("X-Forwarded-For", caller.address());
        out.set("X-Forwarded-Proto", caller.https() ? "https" : "http");
        if (caller.host() != null) {
            out.set("X-Forwarded-Host", caller.host());
        }
        for (Map.Entry<String, String> header : mapped.entrySet()) {
            String value = header.getValue();
            if (value != null && RequestHead.isToken(header.getKey()) && value.indexOf('\r') < 0
                    && value.indexOf('\n') < 0 && value.indexOf('\0') < 0) {
                out.set(header.getKey(), latin1(value));
            }
        }
        return out;
    }

    /** Field values go out as ISO-8859-1 bytes: a character beyond (a claim's, say) is sent as {@code ?}. */
    private static String latin1(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0xFF) {
                StringBuilder out = new StringBuilder(value.length());
                for (int j = 0; j < value.length(); j++) {
                    char c = value.charAt(j);
                    out.append(c > 0xFF ? '?' : c);
                }
                return out.toString();
            }
        }
        return value;
    }

    /** Adds the backend response's end-to-end fields to the caller's response fields. */
    public static void toCaller(MultiMap backendHeaders, MultiMap callerResponse) {
        Set<String> nominated = HopByHop.nominated(backendHeaders);
        backendHeaders.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HopByHop.FIXED.contains(lower) && !nominated.contains(lower)) {
                callerResponse.add(name, value);
            }
        });
    }

    /** The same for a response head as the backend connection's decoder parsed it. */
    public static void toCaller(io.netty.handler.codec.http.HttpHeaders backendHeaders, MultiMap callerResponse) {
        Set<String> nominated = HopByHop.nominated(backendHeaders);
        for (Iterator<Map.Entry<CharSequence, CharSequence>> fields = backendHeaders.iteratorCharSequence(); fields.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> field = fields.next();
            CharSequence name = field.getKey();
            if (!HopByHop.isHopByHop(name) && (nominated.isEmpty() || !nominated.contains(name.toString().toLowerCase(Locale.ROOT)))) {
                callerResponse.add(name, field.getValue());
            }
        }
    }

    private static Set<String> canonicalNames(Map<String, String> mapped) {
        if (mapped.isEmpty()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String name : mapped.keySet()) {
            names.add(name.toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return names;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
