package dev.gatehouse.security.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A backend on a plain {@link ServerSocket}, so that it sees exactly what crossed the gateway:
 * every connection accepted, every byte read and every request parsed from them is recorded before
 * it answers. "The backend receives nothing" is then a fact about the socket, not about a parser.
 * The answer is raw bytes from {@link #respond}, so a test can also make it answer with framing no
 * HTTP library would write (GW-19). Keep-alive: it reads the next request on the same connection
 * until the peer closes it, and records which connections the gateway closed.
 */
final class RecordingBackend implements AutoCloseable {

    /** One request as received: request line, header lines in order, decoded body, connection number. */
    record Received(int connection, String requestLine, List<Map.Entry<String, String>> headers, String body) {

        String target() {
            return requestLine.split(" ")[1];
        }

        List<String> all(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }

        boolean has(String name) {
            return !all(name).isEmpty();
        }
    }

    /** Answers with the request target and the sorted header names: small, with a Content-Length. */
    static final Function<Received, byte[]> ECHO = r -> {
        String body = r.target() + "\n" + String.join("\n", r.headers().stream()
                .map(h -> h.getKey().toLowerCase(Locale.ROOT) + ": " + h.getValue()).sorted().toList());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    };

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "recording-backend");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger bytes = new AtomicInteger();
    private final List<Integer> closedByPeer = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    final AtomicReference<Function<Received, byte[]>> respond = new AtomicReference<>(ECHO);

    RecordingBackend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    String origin() {
        return "http://127.0.0.1:" + port();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    int connections() {
        return connections.get();
    }

    int bytesRead() {
        return bytes.get();
    }

    /** Connection numbers (1-based, in accept order) whose peer — the gateway — closed them. */
    List<Integer> closedByPeer() {
        return List.copyOf(closedByPeer);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                int number = connections.incrementAndGet();
                threads.execute(() -> serve(socket, number));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    closedByPeer.add(number);
                    return;
                }
                String[] lines = head.split("\r\n");
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.add(Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()));
                }
                Received partial = new Received(number, lines[0], headers, "");
                String body = readBody(in, partial);
                Received request = new Received(number, lines[0], headers, body);
                received.add(request);
                out.write(respond.get().apply(request));
                out.flush();
            }
        } catch (IOException e) {
            closedByPeer.add(number); // reset by the peer counts as closed
        }
    }

    private String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            bytes.incrementAndGet();
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    private String readBody(InputStream in, Received head) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head.all("Transfer-Encoding").stream().anyMatch(v -> v.equalsIgnoreCase("chunked"))) {
            while (true) {
                String size = line(in);
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (length == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    break;
                }
                body.write(readN(in, length));
                line(in);
            }
        } else if (head.has("Content-Length")) {
            body.write(readN(in, Integer.parseInt(head.all("Content-Length").get(0))));
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private byte[] readN(InputStream in, int n) throws IOException {
        byte[] data = in.readNBytes(n);
        bytes.addAndGet(data.length);
        return data;
    }

    private String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            bytes.incrementAndGet();
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
