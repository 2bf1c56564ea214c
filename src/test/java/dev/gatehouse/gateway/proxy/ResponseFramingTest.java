package dev.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend connection's decoder (SECURITY GW-19) must keep everything {@code HttpClientCodec} gets
 * right: a {@code HEAD} answer has no body, an interim {@code 100 Continue} is followed by the real
 * answer. The refusals themselves are tested over real sockets in
 * {@code security.catalog.GatewayHttpCatalogueTest}.
 */
class ResponseFramingTest {

    @Test
    void headAnswerWhenItAnnouncesALengthThenNoBodyIsReadAndTheNextAnswerParses() {
        BackendResponseDecoder decoder = new BackendResponseDecoder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        decoder.expect(true);
        List<HttpObject> read = read(channel, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
        decoder.expect(false);
        read.addAll(read(channel, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"));

        assertThat(read).filteredOn(o -> o instanceof HttpResponse).hasSize(2)
                .allMatch(o -> o.decoderResult().isSuccess());
        assertThat(read).filteredOn(o -> o instanceof LastHttpContent).hasSize(2);
        assertThat(body(read)).isEqualTo("hello");
    }

    @Test
    void continueWhenBeforeTheAnswerThenTheAnswerFollowsWithItsBody() {
        EmbeddedChannel channel = new EmbeddedChannel(new BackendResponseDecoder());

        List<HttpObject> read = read(channel, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");

        assertThat(read).filteredOn(o -> o instanceof HttpResponse).extracting(o -> ((HttpResponse) o).status().code())
                .containsExactly(100, 201);
        assertThat(body(read)).isEqualTo("ok");
    }

    @Test
    void answerWhenBothLengthAndChunkedThenADecodingFailure() {
        EmbeddedChannel channel = new EmbeddedChannel(new BackendResponseDecoder());

        List<HttpObject> read = read(channel, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n");

        assertThat(read.get(0).decoderResult().isFailure()).isTrue();
        assertThat(read.get(0).decoderResult().cause()).isInstanceOf(ResponseFraming.FramingException.class);
    }

    private static List<HttpObject> read(EmbeddedChannel channel, String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
        List<HttpObject> read = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            read.add((HttpObject) o);
        }
        return read;
    }

    private static String body(List<HttpObject> read) {
        StringBuilder body = new StringBuilder();
        for (HttpObject o : read) {
            if (o instanceof HttpContent content && !(o instanceof LastHttpContent && content.content().readableBytes() == 0)) {
                ByteBuf data = content.content();
                body.append(data.toString(StandardCharsets.US_ASCII));
            }
        }
        return body.toString();
    }
}
