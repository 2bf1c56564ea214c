package dev.gatehouse.observe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** Where gateway access-log entries go; implementations never block the caller. */
public interface AccessLog {

    /** Query parameters whose values are credentials (RFC 6750 §2.3 and friends). */
    Set<String> SECRET_PARAMETERS = Set.of("access_token", "id_token", "refresh_token", "client_secret", "code",
            "token", "password");

    void record(AccessLogEntry entry);

    /** The raw query with every secret parameter's value replaced by {@code REDACTED}; null stays null. */
    static String redactQuery(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        StringBuilder out = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && SECRET_PARAMETERS.contains(parameterName(name).toLowerCase(Locale.ROOT))) {
                out.append(name).append("=REDACTED");
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    /**
     * A raw query parameter name as a server that decodes it would read it ({@code access%5Ftoken} is
     * {@code access_token}); a name that does not decode stays as it is.
     */
    static String parameterName(String rawName) {
        try {
            return URLDecoder.decode(rawName, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return rawName;
        }
    }

    AccessLog DISCARD = entry -> {
    };
}
