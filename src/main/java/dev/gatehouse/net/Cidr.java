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
        byte[] v4 = ipv4(text);
        if (v4 != null) {
            return Optional.of(v4);
        }
        // The pattern guarantees InetAddress only parses a literal: a name could trigger a DNS lookup.
        if (!(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
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
    /**
     * A dotted-quad IPv4 literal: four decimal octets 0–255 without leading zeros, nothing else —
     * parsed by hand, not by a regular expression and InetAddress: every request's peer passes here.
     */
    private static byte[] ipv4(String text) {
        byte[] bytes = new byte[4];
        int octet = 0;
        int i = 0;
        int length = text.length();
        while (true) {
            int start = i;
            int value = 0;
            while (i < length && i - start < 4 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            bytes[octet++] = (byte) value;
            if (octet == 4) {
                return i == length ? bytes : null;
            }
            if (i >= length || text.charAt(i) != '.') {
                return null;
            }
            i++;
        }
    }

    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
        }
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
