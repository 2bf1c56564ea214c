package dev.gatehouse.net;

import dev.gatehouse.testing.DecoderFeed;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast head parser against the general decoder: which heads it takes (and that it takes them
 * exactly as the general decoder would, split anywhere), and that everything about framing,
 * upgrades, odd bytes and limits is left to the general decoder. Random mutations of these heads
 * run here with a fixed seed; {@link FastRequestHeadFuzzTest} explores further.
 */
class FastRequestHeadTest {

    private static final String TOKEN = "Bearer " + "eyJraWQiOiJrIiwiYWxnIjoiUlMyNTYifQ.".repeat(30) + "sig";

    /** Heads the fast parser takes. */
    static Stream<String> taken() {
        return Stream.of(
                "GET / HTTP/1.1\r\n\r\n",
                "GET /bench/items HTTP/1.1\r\nHost: abc.execute-api.us-east-1.localhost:8080\r\nAuthorization: " + TOKEN + "\r\n\r\n",
                "HEAD /x?y=1&z=%20 HTTP/1.1\r\nhost: a\r\nACCEPT: */*\r\nX-Empty:\r\nX-Spaces:   padded value \t \r\n\r\n",
                "DELETE /r HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                "OPTIONS * HTTP/1.1\r\nConnection: Keep-Alive\r\nX-Tab: a\tb\r\n\r\n",
                "POST /p HTTP/1.1\r\nContent-Type: text/plain\r\n\r\n",
                "PUT /p HTTP/1.1\r\nX-Latin: caf\u00e9 \u00ff\r\nX-Dup: 1\r\nx-dup: 2\r\n\r\n",
                "PATCH http://abc.execute-api.us-east-1.localhost/p HTTP/1.1\r\nHost: other\r\nUser-Agent: curl/8.5.0\r\n\r\n",
                "POST /p HTTP/1.1\r\nContent-Jength: 2\r\nContent-Xype: t\r\n\r\n");
    }

    /** Heads the fast parser leaves to the general decoder, each for a reason in its class comment. */
    static Stream<String> left() {
        return Stream.of(
                "POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody",
                "POST / HTTP/1.1\r\nContent-Length: 00\r\n\r\n",
                "POST / HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n",
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbody\r\n0\r\n\r\n",
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n",
                "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
                "GET / HTTP/1.1\r\nConnection: close, X-Foo\r\n\r\n",
                "GET / HTTP/1.1\r\nConnection: close\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nX-Fold: a\r\n  b\r\n\r\n",
                "GET / HTTP/1.1\r\nX-Space : a\r\n\r\n",
                "GET / HTTP/1.1\r\nX-Bare-LF: a\nX-B: b\r\n\r\n",
                "GET / HTTP/1.1\nHost: a\n\n",
                "GET / HTTP/1.1\r\nX-Bare-CR: a\rb\r\n\r\n",
                "GET / HTTP/1.1\r\nX-Nul: a\u0000b\r\n\r\n",
                "GET / HTTP/1.1\r\nX-Del: a\u007fb\r\n\r\n",
                "GET / HTTP/1.1\r\nX-VT: a\u000bb\r\n\r\n",
                "GET / HTTP/1.1\r\nNo-Colon\r\n\r\n",
                "GET / HTTP/1.1\r\n: no-name\r\n\r\n",
                "GET / HTTP/1.0\r\n\r\n",
                "GET  / HTTP/1.1\r\n\r\n",
                "GET / HTTP/1.1 \r\n\r\n",
                "get / HTTP/1.1\r\n\r\n",
                "TRACE / HTTP/1.1\r\n\r\n",
                "CONNECT a:1 HTTP/1.1\r\n\r\n",
                "PROPFIND / HTTP/1.1\r\n\r\n",
                "\r\nGET / HTTP/1.1\r\n\r\n",
                "GET /caf\u00e9 HTTP/1.1\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\n",
                "GET /" + "a".repeat(8200) + " HTTP/1.1\r\n\r\n",
                "GET / HTTP/1.1\r\nX-Big: " + "b".repeat(16 * 1024) + "\r\n\r\n");
    }

    @ParameterizedTest
    @MethodSource("taken")
    void headWhenCommonThenTakenAsTheGeneralDecoderWould(String head) {
        assertThat(fastDecode(head)).as("taken by the fast parser").isNotNull();
        // A CRLF before a request line is skipped only by a general decoder between messages (RFC 9112 §2.2).
        assertSameSplitAnywhere(head + head + "\r\nPOST /next HTTP/1.1\r\nContent-Length: 2\r\n\r\nok\r\n" + head);
    }

    @ParameterizedTest
    @MethodSource("left")
    void headWhenUnusualThenLeftToTheGeneralDecoder(String head) {
        ByteBuf buffer = Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1);
        FastRequestHead parser = new FastRequestHead(8192, 16 * 1024, (b, s, l) -> new AsciiString(b, s, l, true));

        assertThat(parser.decode(buffer)).as("taken by the fast parser").isNull();
        assertThat(buffer.readerIndex()).as("bytes consumed").isZero();
        buffer.release();
        assertSameSplitAnywhere(head + "GET /after HTTP/1.1\r\n\r\n");
    }

    @Test
    void nameWhenMisspeltLikeAFramingFieldThenNotTakenForIt() {
        byte[] bytes = "POST / HTTP/1.1\r\nContent-Jength: 2\r\n\r\nGET /x HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

        List<String> general = DecoderDifferential.decode(bytes, false);

        assertThat(general).hasSize(4);
        assertThat(general.get(0)).contains("[Content-Jength]=[2]");
        assertThat(general.get(2)).startsWith("request GET /x HTTP/1.1 ok=true");
    }

    @Test
    void commonNamesWhenTakenThenInternedAsTheListenerInternsThem() {
        HttpRequest request = fastDecode("GET / HTTP/1.1\r\nHost: a\r\nContent-Type: t\r\nX-Other: o\r\n\r\n");

        assertThat(request.headers().get("host")).isEqualTo("a");
        assertThat(request.headers().getAll("X-OTHER")).containsExactly("o");
    }

    @Test
    void headsWhenMutatedAtRandomThenBothDecodersAgree() {
        Random random = new Random(20261126);
        List<String> heads = new ArrayList<>(taken().toList());
        heads.addAll(left().filter(h -> h.length() < 1000).toList());
        byte[] alphabet = " \t\r\n:,\u0000\u007f\u0080\u00ffa0-".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 4000; i++) {
            byte[] bytes = DecoderFeed.mutate(random,
                    heads.get(random.nextInt(heads.size())).getBytes(StandardCharsets.ISO_8859_1), alphabet);
            int split = random.nextInt(bytes.length + 1);
            assertThat(DecoderDifferential.decode(bytes, true, split))
                    .as(new String(bytes, StandardCharsets.ISO_8859_1))
                    .isEqualTo(DecoderDifferential.decode(bytes, false, split));
        }
    }

    private static HttpRequest fastDecode(String head) {
        ByteBuf buffer = Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1);
        try {
            FramingGuard.StrictDecoder decoder = new FramingGuard.StrictDecoder(ListenerOptions.http());
            HttpRequest request = new FastRequestHead(8192, 16 * 1024, decoder::name).decode(buffer);
            if (request != null) {
                assertThat(buffer.isReadable()).as("the whole head consumed").isFalse();
            }
            return request;
        } finally {
            buffer.release();
        }
    }

    /** The same messages from both decoders, with the input whole and split at every point (every 97th for long ones). */
    private static void assertSameSplitAnywhere(String stream) {
        byte[] bytes = stream.getBytes(StandardCharsets.ISO_8859_1);
        int step = DecoderFeed.splitStep(bytes.length);
        assertThat(DecoderDifferential.decode(bytes, true)).isEqualTo(DecoderDifferential.decode(bytes, false));
        for (int split = 1; split < bytes.length; split += step) {
            assertThat(DecoderDifferential.decode(bytes, true, split)).as("split at %d", split)
                    .isEqualTo(DecoderDifferential.decode(bytes, false, split));
        }
    }
}
