package dev.gatehouse.gateway.proxy;

import dev.gatehouse.net.HeadScan;
import dev.gatehouse.testing.DecoderFeed;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
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
 * The fast response parser against the general decoder: which responses it takes (and that it takes
 * them exactly as the general decoder would, split anywhere, back to back), and that everything about
 * framing, interim and bodiless answers, odd bytes and limits is left to the general decoder. Random
 * mutations run here with a fixed seed; {@link FastResponseHeadFuzzTest} explores further.
 */
class FastResponseHeadTest {

    static final String NGINX = "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Thu, 26 Nov 2026 15:00:00 GMT\r\n"
            + "Content-Type: application/json\r\nContent-Length: 27\r\nConnection: keep-alive\r\n\r\n"
            + "{\"items\":[1,2,3],\"ok\":true}";

    /** Responses the fast parser takes. */
    static Stream<String> taken() {
        return Stream.of(
                NGINX,
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 201 Created\r\ncontent-length: 2\r\nX-Empty:\r\nX-Spaces:   padded \t \r\n\r\nok",
                "HTTP/1.1 200 Fine By Me\r\nCONTENT-LENGTH: 1\r\nConnection: close\r\n\r\n!",
                "HTTP/1.1 299 Whatever\r\nContent-Length: 1\r\n\r\nx",
                "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nX-Latin: caf\u00e9 \u00ff\r\nContent-Length: 5\r\n\r\nbusy!",
                "HTTP/1.1 500 Internal\tError\r\nContent-Length: 3 \t\r\nX-Tab: a\tb\r\n\r\nerr",
                "HTTP/1.1 200 Ok\u00e9\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 599 x\r\nContent-Length: 3\r\n\r\nabc",
                "HTTP/1.1 200 OK\r\nContent-Length: 40000\r\n\r\n" + "b".repeat(40000));
    }

    /** Responses the fast parser leaves to the general decoder, each for a reason in its class comment. */
    static Stream<String> left() {
        return Stream.of(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbody\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n4\r\nbody\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nTransfer-Encoding: gzip\r\n\r\nbody",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: -2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 1 1\r\n\r\nokokokokokok",
                "HTTP/1.1 200 OK\r\nContent-Length: 02\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 0x2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 1234567890123456789\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 123456789012345678\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\n\r\nuntil the connection closes",
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nUpgrade: h2c\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 204 No Content\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 304 Not Modified\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nX-Fold: a\r\n  b\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nX-Bare-LF: a\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\nContent-Length: 2\n\nok",
                "HTTP/1.1 200 OK\r\nX-Bare-CR: a\rb\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 O\rK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nX-Nul: a\u0000b\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nX-Del: a\u007fb\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nX-VT: a\u000bb\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 O\u007fK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nNo-Colon\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\n: no-name\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
                "HTTP/1.1 200  OK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK \r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1  200 OK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 600 Beyond\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 099 Below\r\nContent-Length: 2\r\n\r\nok",
                "http/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/2 200 OK\r\nContent-Length: 2\r\n\r\nok",
                "\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n",
                "HTTP/1.1 200 " + "r".repeat(8200) + "\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nX-Big: " + "b".repeat(16 * 1024) + "\r\nContent-Length: 2\r\n\r\nok");
    }

    @ParameterizedTest
    @MethodSource("taken")
    void responseWhenCommonThenTakenAsTheGeneralDecoderWould(String response) {
        assertThat(fastDecode(response)).as("taken by the fast parser").isNotNull();
        // Stray CRLFs and control bytes between answers are skipped only by a general decoder between messages.
        assertSameSplitAnywhere(response + response + "\r\n\u0008"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n\r\n" + response, false);
    }

    @ParameterizedTest
    @MethodSource("left")
    void responseWhenUnusualThenLeftToTheGeneralDecoder(String response) {
        ByteBuf buffer = Unpooled.copiedBuffer(response, StandardCharsets.ISO_8859_1);
        List<Object> out = new ArrayList<>();

        assertThat(parser().decode(buffer, out)).as("taken by the fast parser").isFalse();
        assertThat(out).isEmpty();
        assertThat(buffer.readerIndex()).as("bytes consumed").isZero();
        buffer.release();
        assertSameSplitAnywhere(response + NGINX, false);
    }

    @ParameterizedTest
    @MethodSource("taken")
    void answerToHeadWhenCommonThenLeftToTheGeneralDecoderAndTheSame(String response) {
        String head = response.substring(0, response.indexOf("\r\n\r\n") + 4);
        assertSameSplitAnywhere(head + head, true);
    }

    @Test
    void nginxResponseWhenTakenThenTheSameObjectsAsTheGeneralDecoderMakes() {
        byte[] bytes = NGINX.getBytes(StandardCharsets.ISO_8859_1);

        List<String> fast = ResponseDecoderDifferential.decode(bytes, true, false);

        assertThat(fast).isEqualTo(ResponseDecoderDifferential.decode(bytes, false, false));
        assertThat(fast.get(0)).startsWith("DefaultHttpResponse HTTP/1.1 same-version=true 200 [OK] known=true")
                .contains("[Content-Length]=[27]", "ok line=15 fields=");
        assertThat(fast.get(1)).startsWith("DefaultLastHttpContent last").contains("[{\"items\"");
    }

    @Test
    void fastParserWhenNettyLetsTheDecoderResultBeMadeThenOn() {
        assertThat(HeadDecoderResult.AVAILABLE).as("the decoder result Netty makes can be made here").isTrue();
    }

    @Test
    void lengthWhenZeroThenTheSharedEmptyLastContent() {
        List<String> fast = ResponseDecoderDifferential.decode(
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), true, false);

        assertThat(fast.get(1)).contains("EMPTY_LAST");
    }

    @Test
    void responsesWhenMutatedAtRandomThenBothDecodersAgree() {
        Random random = new Random(20261126);
        List<String> responses = new ArrayList<>(taken().filter(r -> r.length() < 1000).toList());
        responses.addAll(left().filter(r -> r.length() < 1000).toList());
        byte[] alphabet = " \t\r\n:,+-0129\u0000\u007f\u0080\u00ffaH".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 4000; i++) {
            byte[] bytes = DecoderFeed.mutate(random,
                    responses.get(random.nextInt(responses.size())).getBytes(StandardCharsets.ISO_8859_1), alphabet);
            int split = random.nextInt(bytes.length + 1);
            boolean head = random.nextInt(8) == 0;
            assertThat(ResponseDecoderDifferential.decode(bytes, true, head, split))
                    .as(new String(bytes, StandardCharsets.ISO_8859_1))
                    .isEqualTo(ResponseDecoderDifferential.decode(bytes, false, head, split));
        }
    }

    private static FastResponseHead parser() {
        HeadScan.Names names = (b, start, length) -> new AsciiString(b, start, length, true);
        return new FastResponseHead(new FastResponseHead.Decoding(8192, 16 * 1024, 16 * 1024,
                DefaultHttpHeadersFactory.headersFactory(), DefaultHttpHeadersFactory.trailersFactory(), names));
    }

    private static HttpResponse fastDecode(String response) {
        ByteBuf buffer = Unpooled.copiedBuffer(response, StandardCharsets.ISO_8859_1);
        List<Object> out = new ArrayList<>();
        try {
            if (!parser().decode(buffer, out)) {
                return null;
            }
            assertThat(buffer.isReadable()).as("the whole response consumed").isFalse();
            return (HttpResponse) out.get(0);
        } finally {
            out.forEach(io.netty.util.ReferenceCountUtil::release);
            buffer.release();
        }
    }

    /** The same messages from both decoders, with the input whole and split at every point (every 97th for long ones). */
    private static void assertSameSplitAnywhere(String stream, boolean answeringHead) {
        byte[] bytes = stream.getBytes(StandardCharsets.ISO_8859_1);
        int step = DecoderFeed.splitStep(bytes.length);
        assertThat(ResponseDecoderDifferential.decode(bytes, true, answeringHead))
                .isEqualTo(ResponseDecoderDifferential.decode(bytes, false, answeringHead));
        for (int split = 1; split < bytes.length; split += step) {
            assertThat(ResponseDecoderDifferential.decode(bytes, true, answeringHead, split)).as("split at %d", split)
                    .isEqualTo(ResponseDecoderDifferential.decode(bytes, false, answeringHead, split));
        }
    }
}
