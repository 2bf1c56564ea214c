package dev.gatehouse.gateway.auth;

import dev.gatehouse.observe.AccessLog;
import io.vertx.core.MultiMap;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the token from an authorizer's identity source (SPEC §6.1, §6.4): only
 * {@code method.request.header.X} / {@code $request.header.X} sources are supported; the value is the
 * raw JWT or {@code Bearer <jwt>} with a case-insensitive scheme and exactly one space; any other
 * scheme ({@code Basic …}) is no bearer credential (a bare challenge, RFC 6750 §3.1). Two fields of
 * the header, or a header token beside an {@code access_token} query parameter, are ambiguous
 * (JW-30) and refused; a query-string token alone is never read.
 */
public final class BearerToken {

    /** The outcome: a token, none, or an ambiguous/malformed header (400). */
    public record Extracted(String token, boolean ambiguous) {
        static final Extracted NONE = new Extracted(null, false);
        static final Extracted AMBIGUOUS = new Extracted(null, true);
    }

    /** An auth-scheme (RFC 9110 §11.1 token) then a space then credentials: a JWT never contains a space. */
    private static final Pattern OTHER_SCHEME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+ +\\S.*", Pattern.DOTALL);

    private static final String DEFAULT_SOURCE = "method.request.header.Authorization";

    private BearerToken() {
    }

    /** The header an identity source names; {@code Authorization} when none is configured. */
    public static String headerName(String identitySource) {
        if (identitySource == null || identitySource.isBlank() || identitySource.equals(DEFAULT_SOURCE)) {
            return "Authorization"; // the usual case, without splitting the source on every request
        }
        String source = identitySource.split(",", 2)[0].trim();
        for (String prefix : List.of("method.request.header.", "$request.header.")) {
            if (source.startsWith(prefix)) {
                return source.substring(prefix.length());
            }
        }
        return null; // query-string or context sources: not supported, so nothing is read
    }

    /**
     * @param rawQuery the query string as received (null: none). A query-string token is never used,
     *                 but beside a header token it is a second method and refused (RFC 6750 §2).
     */
    public static Extracted extract(MultiMap headers, String identitySource, String rawQuery) {
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
        if (value.length() > 7 && value.regionMatches(true, 0, "bearer ", 0, 7)) {
            value = value.substring(7);
        } else if (OTHER_SCHEME.matcher(value).matches()) {
            return Extracted.NONE; // "Basic …", "Digest …": no bearer credentials at all (RFC 6750 §3.1)
        }
        if (value.isEmpty()) {
            return Extracted.NONE;
        }
        return hasQueryToken(rawQuery) ? Extracted.AMBIGUOUS : new Extracted(value, false);
    }

    /** Whether the query names {@code access_token}, as a server that decodes parameter names would read it. */
    static boolean hasQueryToken(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return false;
        }
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (AccessLog.parameterName(eq < 0 ? pair : pair.substring(0, eq)).equals("access_token")) {
                return true;
            }
        }
        return false;
    }
}
