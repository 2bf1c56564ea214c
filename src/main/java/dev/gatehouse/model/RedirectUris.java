package dev.gatehouse.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Callback and sign-out URLs (Cognito API: CallbackURLs): absolute, no fragment, HTTPS except for
 * loopback hosts; custom schemes (mobile apps) are allowed.
 */
final class RedirectUris {

    private RedirectUris() {
    }

    static void validate(List<String> uris) {
        for (String value : uris) {
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                throw invalid(value);
            }
            if (!uri.isAbsolute() || uri.getFragment() != null) {
                throw invalid(value);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                throw invalid(value);
            }
        }
    }

    private static boolean isLoopback(String host) {
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    private static Failure invalid(String uri) {
        return Failure.invalidParameter("Invalid redirect URI: " + uri
                + ". It must be absolute, without a fragment, and use HTTPS unless it names localhost.");
    }
}
