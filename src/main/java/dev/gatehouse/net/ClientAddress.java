package dev.gatehouse.net;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who sent a request (SECURITY TE-20, RFC 9700 §4.13): the TCP peer, unless the peer is one of the
 * configured trusted proxies — then the right-most address of {@code X-Forwarded-For} that is not
 * itself a trusted proxy (RFC 7239 §5.2's "right-most untrusted" practice). Left-most entries are
 * whatever the caller wrote, so they are never believed. Without trusted proxies the header is
 * ignored for everything: throttling keys, logs and audit.
 *
 * <p>An entry that is not an IP literal (a name, {@code unknown}, garbage) stops the walk: the
 * nearest hop Gatehouse can vouch for is used instead, so an attacker cannot pick a fresh key per
 * request by writing garbage.
 */
public final class ClientAddress {

    public static final String FORWARDED_FOR = "X-Forwarded-For";
    /** Caps the work per request: longer chains are cut to their right-most entries. */
    static final int MAX_HOPS = 32;

    private final List<Cidr> trustedProxies;

    public ClientAddress(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** No trusted proxies: the peer, always. */
    public static ClientAddress direct() {
        return new ClientAddress(List.of());
    }

    public String of(HttpServerRequest request) {
        // The connection's peer: the same address as request.remoteAddress() without a Forwarded-header parse
        // that vertx-web's request wrapper runs (and throws away) on every call.
        SocketAddress peer = request.connection() != null ? request.connection().remoteAddress() : request.remoteAddress();
        return resolve(peer == null ? null : peer.hostAddress(), request.headers().getAll(FORWARDED_FOR));
    }

    public String of(DirectExchange exchange) {
        String peer = exchange.peerText();
        if (peer == null) {
            return "unknown";
        }
        if (trustedProxies.isEmpty()) { // the peer, as resolve would give it
            return peer;
        }
        return resolve(peer, exchange.headers().getAll(FORWARDED_FOR));
    }

    /**
     * @param peer           the TCP peer's address literal, or null when unknown (then {@code unknown})
     * @param forwardedFor   every {@code X-Forwarded-For} field value in order (repeated fields concatenate)
     */
    public String resolve(String peer, List<String> forwardedFor) {
        Optional<byte[]> peerBytes = Cidr.address(peer);
        if (peerBytes.isEmpty()) {
            return peer == null ? "unknown" : peer;
        }
        byte[] current = peerBytes.get();
        if (!trusted(current) || forwardedFor.isEmpty()) {
            return Cidr.format(current);
        }
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0 && trusted(current); i--) {
            Optional<byte[]> hop = Cidr.address(stripPort(hops.get(i)));
            if (hop.isEmpty()) {
                break;
            }
            current = hop.get();
        }
        return Cidr.format(current);
    }

    /**
     * The key under which an address is throttled: the address itself for IPv4, its /64 for IPv6,
     * because anyone holding one IPv6 address usually holds the whole /64 (RFC 6177).
     */
    public static String throttleKey(String address) {
        Optional<byte[]> bytes = Cidr.address(address);
        if (bytes.isEmpty()) {
            return address == null ? "unknown" : address;
        }
        return bytes.get().length == 16 ? new Cidr(bytes.get(), 64).toString() : Cidr.format(bytes.get());
    }

    private boolean trusted(byte[] address) {
        for (Cidr cidr : trustedProxies) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> hops(List<String> fields) {
        List<String> hops = new ArrayList<>();
        for (String field : fields) {
            for (String part : field.split(",", -1)) {
                hops.add(part.trim());
            }
        }
        return hops.size() > MAX_HOPS ? hops.subList(hops.size() - MAX_HOPS, hops.size()) : hops;
    }

    /** {@code 192.0.2.1:8080} and {@code [2001:db8::1]:8080} as some proxies write them. */
    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(0, close + 1);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }
}
