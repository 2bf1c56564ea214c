package dev.gatehouse.oauth;

import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.token.TokenError;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which pool the Host of an auth-plane request names (DESIGN §1), for the revocation and
 * introspection endpoints: the same rule as the token endpoint's — a prefix domain
 * {@code {prefix}.auth.{region}.{suffix}} must exist, else {@code invalid_client}; a custom domain
 * names its pool; any other host (localhost, an IP) names none and the client id decides.
 */
final class AuthDomains {

    private final DirectoryHolder directory;
    private final Pattern authDomain;

    AuthDomains(DirectoryHolder directory, String domainSuffix) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.authDomain = Pattern.compile("^([a-z0-9-]+)\\.auth\\.([a-z0-9-]+)\\."
                + Pattern.quote(domainSuffix.toLowerCase(Locale.ROOT)) + "$");
    }

    /** The pool id the host names, or null when it names none. */
    String poolOfHost(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String name = stripPort(host).toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        Matcher prefix = authDomain.matcher(name);
        if (prefix.matches()) {
            return directory.current().poolOfDomain(prefix.group(2), prefix.group(1))
                    .orElseThrow(TokenError::invalidClient);
        }
        return directory.current().poolOfDomain("*", name).orElse(null);
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
