package dev.gatehouse.gateway.auth;

import io.vertx.core.MultiMap;

import java.util.List;
import java.util.Locale;

/**
 * Reads the token from an authorizer's identity source (SPEC §6.1, §6.4): only
 * {@code method.request.header.X} / {@code $request.header.X} sources are supported; the value is the
 * raw JWT or {@code Bearer <jwt>} with a case-insensitive scheme and exactly one space. Two fields
 * of the header are ambiguous (JW-30) and refused; a query-string token is never read.
 */
public final class BearerToken {

    /** The outcome: a token, none, or an ambiguous/malformed header (400). */
    public record Extracted(String token, boolean ambiguous) {
        static final Extracted NONE = new Extracted(null, false);
        static final Extracted AMBIGUOUS = new Extracted(null, true);
    }

    private BearerToken() {
    }

    /** The header an identity source names; {@code Authorization} when none is configured. */
    public static String headerName(String identitySource) {
        if (identitySource == null || identitySource.isBlank()) {
            return "Authorization";
        }
        String source = identitySource.split(",", 2)[0].trim();
        for (String prefix : List.of("method.request.header.", "$request.header.")) {
            if (source.startsWith(prefix)) {
                return source.substring(prefix.length());
            }
        }
        return null; // query-string or context sources: not supported, so nothing is read
    }

    public static Extracted extract(MultiMap headers, String identitySource) {
        String name = headerName(identitySource);
        if (name == null) {
            return Extracted.NONE;
        }
        List<String> values = headers.getAll(name);
        if (values.isEmpty()) {
            return Extracted.NONE;
        }
        if (values.size() > 1) {
            return Extracted.AMBIGUOUS;
        }
        String value = values.get(0);
        if (value.isEmpty()) {
            return Extracted.NONE;
        }
        if (value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            value = value.substring(7);
        }
        return value.isEmpty() ? Extracted.NONE : new Extracted(value, false);
    }
}
