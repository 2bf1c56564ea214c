package dev.gatehouse.oauth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import dev.gatehouse.testing.RawResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw-socket HTTP/1.1 client: the request goes out byte for byte as written (any Host, repeated
 * or odd headers), the response comes back unparsed enough to assert on every header.
 */
final class RawHttp {

    /** A response: status line, headers (names lower-cased, values in order) and body. */
    record Response(String statusLine, int status, Map<String, List<String>> headers, String body, String raw) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(",", values);
        }
    }

    private RawHttp() {
    }

    static Response send(int port, String request) throws IOException {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Response send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** A POST to /oauth2/token with the given headers (each "Name: value") and form body. */
    static Response token(int port, String host, String body, String... headers) throws IOException {
        return post(port, "/oauth2/token", host, body, headers);
    }

    static Response post(int port, String target, String host, String body, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        request.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(request.toString().getBytes(StandardCharsets.UTF_8));
        all.writeBytes(bytes);
        return send(port, all.toByteArray());
    }

    static String basic(String id, String secret) {
        return "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static Response read(InputStream in) throws IOException {
        RawResponse r = RawResponse.read(in);
        return new Response(r.statusLine(), r.status(), r.headers(), r.body(), r.raw());
    }
}
