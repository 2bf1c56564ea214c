package dev.gatehouse.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What {@code curl -X POST -u ID:SECRET -d BODY http://HOST:PORT/oauth2/token} (curl 7.88.1) writes,
 * byte for byte, over a raw socket to 127.0.0.1 — the Host header names the pool domain, which
 * {@code *.localhost} resolves to loopback without any DNS set-up.
 */
final class Curl {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Status and body of one answer. */
    record Response(int status, String statusLine, String head, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String accessToken() {
            return json().get("access_token").textValue();
        }

        @Override
        public String toString() {
            return statusLine + " " + body;
        }
    }

    private Curl() {
    }

    static String request(String host, int port, String clientId, String secret, String form) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return "POST /oauth2/token HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Authorization: Basic " + basic + "\r\n"
                + "User-Agent: curl/7.88.1\r\n"
                + "Accept: */*\r\n"
                + "Content-Length: " + form.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "\r\n"
                + form;
    }

    static Response token(String host, int port, String clientId, String secret, String form) {
        return send(port, request(host, port, clientId, secret, form));
    }

    static Response send(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the response head: " + head);
            }
            head.write(b);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        int length = -1;
        for (String line : headText.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("no Content-Length in " + headText);
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        String statusLine = headText.substring(0, headText.indexOf("\r\n"));
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), statusLine, headText, body);
    }
}
