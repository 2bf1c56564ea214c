package dev.gatehouse.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 response read byte by byte from a raw socket, for tests that must see exactly what
 * crossed the wire: header names lower-cased, values in received order, the body by
 * {@code Content-Length}, by its chunks when chunked (the chunk framing left out of {@code body}),
 * or to the end of the stream without either; none after a HEAD request.
 */
public record RawResponse(String statusLine, int status, Map<String, List<String>> headers, String body, String raw) {

    public static RawResponse read(InputStream in) throws IOException {
        return read(in, false);
    }

    /** {@code headRequest}: the response answers a HEAD request, so no body follows whatever its fields say. */
    public static RawResponse read(InputStream in, boolean headRequest) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the response head: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        String[] lines = headText.split("\r\n");
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        List<String> length = headers.get("content-length");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        byte[] body;
        if (headRequest || status == 204 || status == 304) {
            body = new byte[0];
        } else if (headers.containsKey("transfer-encoding")) {
            body = chunks(in);
        } else {
            body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length.get(0)));
        }
        String bodyText = new String(body, StandardCharsets.UTF_8);
        return new RawResponse(lines[0], status, headers, bodyText, headText + bodyText);
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailer fields
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
