package dev.gatehouse.net;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bytes of a response head ({@link HeadBytes}, as the proxy's request head uses them too): what
 * is written, and the fields that refuse the whole head because they would split it.
 */
class ResponseHeadTest {

    @Test
    void headWhenFieldsAndFramingThenExactBytes() {
        ResponseHead head = new ResponseHead(200, null);
        head.add("Content-Type", "application/json");
        head.add(AsciiString.of("X-Ascii"), AsciiString.of("a b"));
        head.add(new StringBuilder("X-Built"), new StringBuilder("v"));

        assertThat(text(head.finish(2, false, "close", null))).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "X-Ascii: a b\r\nX-Built: v\r\nContent-Length: 2\r\nConnection: close\r\n\r\n");
    }

    @Test
    void reasonWhenGivenThenKeptAndLengthFieldNoticed() {
        ResponseHead head = new ResponseHead(299, "Fine Enough");
        head.add("content-length", "5");

        assertThat(head.hasContentLength()).isTrue();
        assertThat(text(head.finish(-1, true, null, null))).isEqualTo(
                "HTTP/1.1 299 Fine Enough\r\ncontent-length: 5\r\nTransfer-Encoding: chunked\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nSet-Cookie: x=1", "a\nb", "a\rb", "a\u0000b"})
    void valueWhenItWouldSplitTheHeadThenRefused(String value) {
        ResponseHead asString = new ResponseHead(200, null);
        asString.add("X-Value", value);
        ResponseHead asSequence = new ResponseHead(200, null);
        asSequence.add("X-Value", new StringBuilder(value));
        ResponseHead asLongString = new ResponseHead(200, null); // past the short-text loop: the vectorized scans
        asLongString.add("X-Value", "v".repeat(100) + value);

        assertThat(asString.finish(-1, false, null, null)).isNull();
        assertThat(asSequence.finish(-1, false, null, null)).isNull();
        assertThat(asLongString.finish(-1, false, null, null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"X Value", "X\tValue", ""})
    void nameWhenNotATokenShapeThenRefused(String name) {
        ResponseHead head = new ResponseHead(200, null);
        head.add(name, "v");

        assertThat(head.finish(-1, false, null, null)).isNull();
    }

    @Test
    void characterBeyondLatin1WhenItsLowByteIsALineBreakThenSentAsQuestionMark() {
        // U+010A's low byte is LF: copying low bytes would split the head; it goes out as '?' instead.
        ResponseHead head = new ResponseHead(200, null);
        head.add("X-Value", "a\u010Ab");
        head.add("X-Long", "a\u010Ab" + "c".repeat(100));

        assertThat(text(head.finish(-1, false, null, null))).isEqualTo("HTTP/1.1 200 OK\r\nX-Value: a?b\r\n"
                + "X-Long: a?b" + "c".repeat(100) + "\r\n\r\n");
    }

    @Test
    void bodyWhenGivenThenCopiedBehindTheBlankLineAndLeftUnread() {
        ByteBuf body = io.netty.buffer.Unpooled.copiedBuffer("{\"ok\":1}", StandardCharsets.US_ASCII);
        ResponseHead head = new ResponseHead(200, null);

        assertThat(text(head.finish(8, false, null, body))).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n{\"ok\":1}");
        assertThat(body.readableBytes()).isEqualTo(8);
        body.release();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 404, 503, 299, 599, 999})
    void statusWithoutReasonThenTheStandardOneEveryTime(int status) {
        String expected = "HTTP/1.1 " + status + " "
                + io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase() + "\r\n\r\n";

        assertThat(text(new ResponseHead(status, null).finish(-1, false, null, null))).isEqualTo(expected);
        assertThat(text(new ResponseHead(status, null).finish(-1, false, null, null))).isEqualTo(expected); // cached line
    }

    @Test
    void valueWhenParsedFromTheWireThenSentAsItsOwnBytes() {
        byte[] wire = "caf\u00e9\t\u00ff x".getBytes(StandardCharsets.ISO_8859_1);
        FieldText value = FieldText.of(wire, 0, wire.length);
        ResponseHead head = new ResponseHead(200, null);
        head.add("X-Value", value);

        assertThat(value.toString()).isEqualTo("caf\u00e9\t\u00ff x").isSameAs(value.toString());
        assertThat(text(head.finish(-1, false, null, null))).isEqualTo("HTTP/1.1 200 OK\r\nX-Value: caf\u00e9\t\u00ff x\r\n\r\n");
    }

    private static String text(ByteBuf bytes) {
        try {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        } finally {
            bytes.release();
        }
    }
}
