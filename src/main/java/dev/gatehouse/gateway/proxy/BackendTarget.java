package dev.gatehouse.gateway.proxy;

import io.netty.util.concurrent.FastThreadLocal;

import java.util.Locale;

/**
 * An integration's absolute {@code http(s)://host[:port]/path?query} split into where to connect
 * ({@link Origin}) and what to ask for (the origin-form request target). Parsed by hand: it runs per
 * request, and {@link java.net.URI} would re-check what the management API validated when the
 * integration was stored.
 */
record BackendTarget(Origin origin, String requestTarget) {

    /**
     * A backend connection's identity, the key of the keep-alive pool.
     *
     * @param hostHeader the {@code Host} field: the host, and the port when it is not the scheme's default
     */
    record Origin(boolean tls, String host, int port, String hostHeader) {
    }

    /** The target, or null when {@code uri} is no absolute http(s) URL with a host and a valid port. */
    static BackendTarget parse(String uri) {
        boolean tls;
        int authorityStart;
        if (uri.regionMatches(true, 0, "http://", 0, 7)) {
            tls = false;
            authorityStart = 7;
        } else if (uri.regionMatches(true, 0, "https://", 0, 8)) {
            tls = true;
            authorityStart = 8;
        } else {
            return null;
        }
        int authorityEnd = authorityStart;
        while (authorityEnd < uri.length() && "/?#".indexOf(uri.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        Origin origin = origin(uri, authorityStart, authorityEnd, tls);
        if (origin == null) {
            return null;
        }
        int fragment = uri.indexOf('#', authorityEnd);
        String rest = uri.substring(authorityEnd, fragment < 0 ? uri.length() : fragment);
        String target = rest.isEmpty() ? "/" : rest.charAt(0) == '?' ? "/" + rest : rest;
        return new BackendTarget(origin, target);
    }

    /** The last authority parsed on this thread: requests to one integration name the same one again and again. */
    private record Parsed(String authority, boolean tls, Origin origin) {
    }

    private static final FastThreadLocal<Parsed> LAST = new FastThreadLocal<>();

    private static Origin origin(String uri, int start, int end, boolean tls) {
        Parsed last = LAST.get();
        if (last != null && last.tls == tls && last.authority.length() == end - start
                && uri.startsWith(last.authority, start)) {
            return last.origin;
        }
        String authority = uri.substring(start, end);
        Origin origin = origin(authority.substring(authority.lastIndexOf('@') + 1), tls); // no user info is sent
        if (origin != null) {
            LAST.set(new Parsed(authority, tls, origin));
        }
        return origin;
    }

    private static Origin origin(String authority, boolean tls) {
        int defaultPort = tls ? 443 : 80;
        String host;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = authority.substring(1, close);
            if (close + 1 < authority.length()) {
                if (authority.charAt(close + 1) != ':') {
                    return null;
                }
                port = authority.substring(close + 2);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            return null;
        }
        int number = defaultPort;
        if (port != null && !port.isEmpty()) {
            if (port.length() > 5) {
                return null;
            }
            number = 0;
            for (int i = 0; i < port.length(); i++) {
                char c = port.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                number = number * 10 + (c - '0');
            }
            if (number == 0 || number > 65535) {
                return null;
            }
        }
        String lower = host.toLowerCase(Locale.ROOT);
        String literal = lower.indexOf(':') >= 0 ? "[" + lower + "]" : lower;
        return new Origin(tls, lower, number, number == defaultPort ? literal : literal + ":" + number);
    }
}
