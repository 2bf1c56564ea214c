package dev.gatehouse.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single address).
 * Parsing accepts address literals only and never resolves a name (no DNS on the request path).
 * IPv4-mapped IPv6 addresses ({@code ::ffff:10.1.2.3}) are the IPv4 address they carry.
 */
public record Cidr(byte[] network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

    public Cidr {
        Objects.requireNonNull(network, "network");
        network = network.clone();
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length out of range");
        }
        mask(network, prefixLength);
    }

    /** {@code ADDRESS} or {@code ADDRESS/PREFIX}. */
    public static Cidr parse(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        byte[] bytes = address(address).orElseThrow(() ->
                new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block"));
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String digits = value.substring(slash + 1);
            if (!digits.matches("^\\d{1,3}$") || Integer.parseInt(digits) > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
            prefix = Integer.parseInt(digits);
        }
        return new Cidr(bytes, prefix);
    }

    /**
     * The bytes of an IP literal (4 for IPv4, also when written IPv4-mapped; 16 for IPv6), or
     * empty for anything else: host names, zone ids, ports, garbage.
     */
    public static Optional<byte[]> address(String literal) {
        if (literal == null || literal.isEmpty()) {
            return Optional.empty();
        }
        String text = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
        boolean v4 = IPV4.matcher(text).matches();
        // The patterns guarantee InetAddress only parses a literal: a name could trigger a DNS lookup.
        if (!v4 && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        byte[] masked = address.clone();
        mask(masked, prefixLength);
        return Arrays.equals(masked, network);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }

    /** The canonical text of address bytes (IPv6 in full lower-case hex groups, as the JDK prints it). */
    static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address", e);
        }
    }

    private static void mask(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - bits));
        }
    }
}
