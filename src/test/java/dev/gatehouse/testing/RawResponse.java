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
 * {@code Content-Length} (or to the end of the stream without one).
 */
public record RawResponse(String statusLine, int status, Map<String, List<String>> headers, String body, String raw) {

    public static RawResponse read(InputStream in) throws IOException {
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
        byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length.get(0)));
        String bodyText = new String(body, StandardCharsets.UTF_8);
        return new RawResponse(lines[0], Integer.parseInt(lines[0].split(" ")[1]), headers, bodyText, headText + bodyText);
    }
}
