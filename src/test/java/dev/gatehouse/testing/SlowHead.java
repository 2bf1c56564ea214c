package dev.gatehouse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A slow-loris client (SECURITY F9): a request head sent one field at a time, never finished. */
public final class SlowHead {

    private SlowHead() {
    }

    /**
     * Sends {@code requestLine}, then one field every ~100 ms (up to {@code maxFields}) until the
     * server closes the connection.
     *
     * @return milliseconds from the first byte until the connection was seen closed, or -1 if it never was
     */
    public static long trickleUntilClosed(Socket socket, String requestLine, int maxFields) throws IOException {
        socket.setSoTimeout(100);
        long start = System.nanoTime();
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write((requestLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < maxFields; i++) {
            try {
                out.write(("X-Slow-" + i + ": x\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (in.read() < 0) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
            } catch (SocketTimeoutException stillOpen) {
                // the server is still waiting for the rest of the head
            } catch (SocketException reset) {
                return (System.nanoTime() - start) / 1_000_000;
            }
        }
        return -1;
    }
}
