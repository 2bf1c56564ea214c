package dev.gatehouse.gateway.proxy;

import dev.gatehouse.testing.DecoderFeed;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessageDecoderResult;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a backend connection's decoder makes of some bytes, written out as text: with
 * {@link FastResponseHead} on and off, the two must be the same for every input (the fast path may
 * only ever agree). The channel is closed at the end, so what the decoder makes of a stream cut short
 * is compared too.
 */
final class ResponseDecoderDifferential {

    private ResponseDecoderDifferential() {
    }

    /** The decoded messages, fed in pieces at the given split points (ascending, within the input). */
    static List<String> decode(byte[] input, boolean fast, boolean answeringHead, int... splits) {
        BackendResponseDecoder decoder = new BackendResponseDecoder(fast);
        decoder.expect(answeringHead);
        return DecoderFeed.decode(new EmbeddedChannel(decoder), input, true, ResponseDecoderDifferential::describe,
                splits);
    }

    static String describe(Object message) {
        // A buffer passed through after a protocol switch is of whatever class leak detection wrapped it in.
        StringBuilder out = new StringBuilder(message instanceof ByteBuf ? "ByteBuf" : message.getClass().getSimpleName());
        if (message instanceof HttpResponse response) {
            HttpResponseStatus status = response.status();
            out.append(' ').append(response.protocolVersion()).append(" same-version=")
                    .append(response.protocolVersion() == HttpVersion.HTTP_1_1)
                    .append(' ').append(status.code()).append(" [").append(status.reasonPhrase()).append("] known=")
                    .append(status == HttpResponseStatus.valueOf(status.code()))
                    .append(" headers=").append(response.headers().getClass().getName());
            response.headers().forEach(field -> out.append("\n  [").append(field.getKey()).append("]=[")
                    .append(field.getValue()).append(']'));
            response.headers().iteratorCharSequence().forEachRemaining(field -> out.append("\n  name ")
                    .append(field.getKey().getClass().getSimpleName()));
        }
        if (message instanceof HttpContent content) {
            ByteBuf data = content.content();
            out.append(content == LastHttpContent.EMPTY_LAST_CONTENT ? " EMPTY_LAST" : "")
                    .append(content instanceof LastHttpContent last ? " last trailers="
                            + last.trailingHeaders().getClass().getName() + last.trailingHeaders().names() : " content")
                    .append(" [").append(data.toString(StandardCharsets.ISO_8859_1)).append(']');
        }
        if (message instanceof ByteBuf bytes) {
            out.append(" [").append(bytes.toString(StandardCharsets.ISO_8859_1)).append(']');
        }
        if (message instanceof io.netty.handler.codec.DecoderResultProvider provider) {
            out.append(' ').append(result(provider.decoderResult()));
        }
        return out.toString();
    }

    private static String result(DecoderResult result) {
        String outcome = result.isSuccess() ? "ok" : "failed " + result.cause().getClass().getName();
        if (result instanceof HttpMessageDecoderResult sizes) {
            return outcome + " line=" + sizes.initialLineLength() + " fields=" + sizes.headerSize();
        }
        return outcome + " " + result.getClass().getSimpleName();
    }
}
