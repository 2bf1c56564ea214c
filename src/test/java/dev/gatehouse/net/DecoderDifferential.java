package dev.gatehouse.net;

import dev.gatehouse.testing.DecoderFeed;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the listener's decoder makes of some bytes, written out as text: with {@link FastRequestHead}
 * on and off, the two must be the same for every input (the fast path may only ever agree).
 */
final class DecoderDifferential {

    private DecoderDifferential() {
    }

    /** The decoded messages, fed in pieces at the given split points (ascending, within the input). */
    static List<String> decode(byte[] input, boolean fast, int... splits) {
        EmbeddedChannel channel = new EmbeddedChannel(new FramingGuard.StrictDecoder(ListenerOptions.http(), fast));
        return DecoderFeed.decode(channel, input, false, DecoderDifferential::describe, splits);
    }

    private static String describe(Object message) {
        StringBuilder out = new StringBuilder();
        if (message instanceof HttpRequest request) {
            out.append("request ").append(request.method()).append(' ').append(request.uri()).append(' ')
                    .append(request.protocolVersion()).append(" ok=").append(request.decoderResult().isSuccess())
                    .append(" headers=").append(request.headers().getClass().getSimpleName());
            request.headers().forEach(field -> out.append("\n  [").append(field.getKey()).append("]=[")
                    .append(field.getValue()).append(']'));
        }
        if (message instanceof HttpContent content) {
            ByteBuf data = content.content();
            out.append(content instanceof LastHttpContent ? "last " : "content ")
                    .append(data.toString(StandardCharsets.ISO_8859_1)).append(" ok=")
                    .append(content.decoderResult().isSuccess());
        }
        if (out.isEmpty()) {
            out.append(message.getClass().getName());
        }
        return out.toString();
    }
}
