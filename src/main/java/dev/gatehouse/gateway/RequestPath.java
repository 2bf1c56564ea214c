package dev.gatehouse.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request path split into segments, decided once (SECURITY GW-10, GW-11): every segment keeps its
 * raw text, which is what is forwarded, and its decoded text, which is what is matched. Anything a
 * backend or another proxy could read differently is refused instead of guessed at: empty segments
 * ({@code //}), trailing slashes, {@code .} and {@code ..}, {@code \}, {@code ;}, {@code #}, control
 * characters, and percent-escapes of {@code / \ . % ;} or controls, bad hex and non-UTF-8 (overlong
 * {@code %c0%ae}). Because the decoded form of an accepted segment never contains a character with
 * path meaning, raw and decoded name the same resource for every reader.
 */
public record RequestPath(List<String> raw, List<String> decoded) {

    public RequestPath {
        raw = List.copyOf(raw);
        decoded = List.copyOf(decoded);
    }

    /** The root path: no segments. */
    public static final RequestPath ROOT = new RequestPath(List.of(), List.of());

    /** {@code /a/b} from raw segments, as forwarded. */
    public String rawPath() {
        return raw.isEmpty() ? "/" : "/" + String.join("/", raw);
    }

    /** {@code /a/b} decoded, for logs. */
    public String decodedPath() {
        return decoded.isEmpty() ? "/" : "/" + String.join("/", decoded);
    }

    public RequestPath from(int start) {
        return new RequestPath(raw.subList(start, raw.size()), decoded.subList(start, decoded.size()));
    }

    /**
     * Parses the path part of a request target (no query). Empty means the path must be refused
     * with 400. {@code ""} and {@code "/"} are the root.
     */
    public static Optional<RequestPath> parse(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return Optional.of(ROOT);
        }
        if (path.charAt(0) != '/' || path.endsWith("/")) {
            return Optional.empty();
        }
        List<String> raw = new ArrayList<>();
        List<String> decoded = new ArrayList<>();
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            String value = decodeSegment(segment);
            if (value == null) {
                return Optional.empty();
            }
            raw.add(segment);
            decoded.add(value);
            start = end + 1;
        }
        return Optional.of(new RequestPath(raw, decoded));
    }

    /** Raw controls, space, non-ASCII and characters RFC 3986 never allows unescaped. */
    private static boolean refusedRaw(char c) {
        return c <= 0x20 || c >= 0x7f || c == '\\' || c == ';' || c == '#' || c == '"' || c == '<'
                || c == '>' || c == '`' || c == '{' || c == '}' || c == '|' || c == '^';
    }

    /** The decoded segment, or null when it is empty, a dot segment or holds anything refused above. */
    static String decodeSegment(String segment) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            return null;
        }
        if (segment.indexOf('%') < 0) {
            // Nothing escaped: what is allowed is printable ASCII, which decodes to itself.
            for (int i = 0; i < segment.length(); i++) {
                if (refusedRaw(segment.charAt(i))) {
                    return null;
                }
            }
            return segment;
        }
        return decodeEscaped(segment);
    }

    /** {@link #decodeSegment} the long way, byte by byte through a strict UTF-8 decoder (any segment). */
    static String decodeEscaped(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return null;
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                int b = hi * 16 + lo;
                if (b < 0x20 || b == 0x7f || b == '/' || b == '\\' || b == '.' || b == '%' || b == ';' || b == '#'
                        || b == '?') {
                    return null;
                }
                bytes.write(b);
                i += 2;
            } else if (refusedRaw(c)) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
