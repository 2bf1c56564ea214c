package dev.gatehouse.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener's request decoder, on its own: which heads it refuses (the answers and the
 * connection handling over real sockets are {@code security.catalog.GatewayHttpCatalogueTest}'s),
 * which it lets through unchanged, and the {@code close} token it makes Vert.x see.
 */
class FramingGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: identity\r\n\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding:\r\n chunked\r\n\r\n",
            "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
            "TRACE / HTTP/1.1\r\n\r\n",
            "CONNECT 127.0.0.1:1 HTTP/1.1\r\n\r\n"})
    void headWhenFramingAmbiguousOrMethodRefusedThenDecodingFails(String head) {
        HttpObject decoded = decode(head);

        assertThat(decoded.decoderResult().isFailure()).as(head).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Transfer-Encoding: chunked          | chunked
            Transfer-Encoding: Chunked          | Chunked
            Transfer-Encoding:\tchunked         | chunked""")
    void chunkedWhenAloneThenAccepted(String line, String value) {
        HttpObject decoded = decode("POST / HTTP/1.1\r\n" + line + "\r\n\r\n");

        assertThat(decoded.decoderResult().isSuccess()).isTrue();
        assertThat(((HttpRequest) decoded).headers().getAll("Transfer-Encoding")).containsExactly(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Connection: close, X-Foo                    | true
            Connection: X-Foo ,CLOSE                    | true
            Connection: close                           | true
            Connection: X-Foo                           | false
            Connection: keep-alive, X-Closed            | false""")
    void closeTokenWhenAmongOthersThenAlsoOnALineOfItsOwn(String line, boolean closes) {
        HttpRequest request = (HttpRequest) decode("GET / HTTP/1.1\r\n" + line + "\r\n\r\n");

        assertThat(request.headers().getAll("Connection").stream().anyMatch("close"::equalsIgnoreCase)).isEqualTo(closes);
        assertThat(request.headers().getAll("Connection").get(0)).isEqualTo(line.substring("Connection: ".length()));
    }

    private static HttpObject decode(String head) {
        EmbeddedChannel channel = new EmbeddedChannel(new FramingGuard.StrictDecoder(ListenerOptions.http()));
        channel.writeInbound(Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1));
        HttpObject decoded = channel.readInbound();
        channel.finishAndReleaseAll();
        return decoded;
    }
}
