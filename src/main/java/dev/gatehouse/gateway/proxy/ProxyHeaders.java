package dev.gatehouse.gateway.proxy;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersMultiMap;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The header fields the proxy passes on, in one pass over each side's fields (no copy-then-remove):
 * <ul>
 *   <li>to the backend (GW-08, GW-09): the caller's fields minus hop-by-hop ones (the fixed list and
 *       those {@code Connection} names), minus the forwarding fields the gateway sets itself and minus
 *       every mapped header name (compared case-insensitively with {@code _} and {@code -} alike), then
 *       the gateway's {@code X-Forwarded-*} values and the mapped values;</li>
 *   <li>to the caller: the backend's fields minus hop-by-hop ones.</li>
 * </ul>
 * Names are compared without lower-case copies: this runs for every field of every request.
 */
public final class ProxyHeaders {

    /** Set by the gateway itself, or never passed on (the backend's Host is its own). */
    private static final Set<String> GATEWAY_OWNED = Set.of("host", "expect", "forwarded", "x-forwarded-for",
            "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port");
    private static final AsciiString[] NEVER_TO_BACKEND = Stream.concat(HopByHop.FIXED.stream(), GATEWAY_OWNED.stream())
            .map(AsciiString::of).toArray(AsciiString[]::new);

    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
    private static final AsciiString HTTPS = AsciiString.cached("https");
    private static final AsciiString HTTP = AsciiString.cached("http");

    /** What the gateway knows about the caller, for the {@code X-Forwarded-*} fields. */
    public record Caller(String address, boolean https, String host) {
    }

    /** Where the backend request's fields go, in order. */
    public interface FieldSink {
        void add(CharSequence name, CharSequence value);
    }

    private ProxyHeaders() {
    }

    /**
     * The backend request's fields.
     *
     * @param mapped gateway-set headers by name; a null value removes the caller's field and sets nothing
     */
    public static MultiMap toBackend(MultiMap callerHeaders, Map<String, String> mapped, Caller caller) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        toBackend(callerHeaders, mapped, caller, out::add);
        return out;
    }

    /** The backend request's fields, handed to {@code out} one by one. */
    public static void toBackend(MultiMap callerHeaders, Map<String, String> mapped, Caller caller, FieldSink out) {
        Set<String> nominated = HopByHop.nominated(callerHeaders);
        List<String> mappedNames = canonicalNames(mapped);
        for (Iterator<Map.Entry<CharSequence, CharSequence>> fields = fields(callerHeaders); fields.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> field = fields.next();
            CharSequence name = field.getKey();
            if (!isOneOf(name, NEVER_TO_BACKEND)
                    && (nominated.isEmpty() || !nominated.contains(name.toString().toLowerCase(Locale.ROOT)))
                    && (mappedNames.isEmpty() || !isMapped(name, mappedNames))) {
                out.add(name, field.getValue());
            }
        }
        out.add(X_FORWARDED_FOR, caller.address());
        out.add(X_FORWARDED_PROTO, caller.https() ? HTTPS : HTTP);
        if (caller.host() != null) {
            out.add(X_FORWARDED_HOST, caller.host());
        }
        if (mapped.isEmpty()) {
            return;
        }
        List<Map.Entry<String, String>> settable = mapped.entrySet().stream()
                .filter(h -> h.getValue() != null && RequestHead.isToken(h.getKey()) && h.getValue().indexOf('\r') < 0
                        && h.getValue().indexOf('\n') < 0 && h.getValue().indexOf('\0') < 0)
                .toList();
        for (int i = 0; i < settable.size(); i++) {
            String name = settable.get(i).getKey();
            boolean replacedLater = false; // as a header map's set: of two names equal but for case, the last counts
            for (int j = i + 1; j < settable.size() && !replacedLater; j++) {
                replacedLater = settable.get(j).getKey().equalsIgnoreCase(name);
            }
            if (!replacedLater) {
                out.add(name, latin1(settable.get(i).getValue()));
            }
        }
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

    /** The backend response's end-to-end fields (as its connection's decoder parsed them), handed to {@code out}. */
    public static void toCaller(io.netty.handler.codec.http.HttpHeaders backendHeaders, FieldSink out) {
        Set<String> nominated = HopByHop.nominated(backendHeaders);
        for (Iterator<Map.Entry<CharSequence, CharSequence>> fields = backendHeaders.iteratorCharSequence(); fields.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> field = fields.next();
            CharSequence name = field.getKey();
            if (!HopByHop.isHopByHop(name) && (nominated.isEmpty() || !nominated.contains(name.toString().toLowerCase(Locale.ROOT)))) {
                out.add(name, field.getValue());
            }
        }
    }

    /** Vert.x's own header map walks its fields as they were decoded, without a String copy of each. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Iterator<Map.Entry<CharSequence, CharSequence>> fields(MultiMap headers) {
        if (headers instanceof HeadersMultiMap vertx) {
            return vertx.iteratorCharSequence();
        }
        return (Iterator) headers.iterator();
    }

    static boolean isOneOf(CharSequence name, AsciiString[] names) {
        for (AsciiString candidate : names) {
            if (candidate.length() == name.length() && candidate.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code name}, lower-cased with {@code _} as {@code -}, is one of {@code canonical}. */
    private static boolean isMapped(CharSequence name, List<String> canonical) {
        for (String candidate : canonical) {
            if (candidate.length() == name.length() && sameCanonical(name, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameCanonical(CharSequence name, String canonical) {
        for (int i = 0; i < canonical.length(); i++) {
            char c = name.charAt(i);
            c = c == '_' ? '-' : Character.toLowerCase(c);
            if (c != canonical.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> canonicalNames(Map<String, String> mapped) {
        if (mapped.isEmpty()) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        for (String name : mapped.keySet()) {
            names.add(name.toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return List.copyOf(names);
    }
}
