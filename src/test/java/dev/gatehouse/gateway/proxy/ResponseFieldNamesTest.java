package dev.gatehouse.gateway.proxy;

import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Common names are shared only when spelled exactly alike; any other is made as sent. */
class ResponseFieldNamesTest {

    @Test
    void nameWhenCommonAndSpelledAlikeThenShared() {
        Object first = name("x Content-Type y", 2, 12);

        assertThat(first).hasToString("Content-Type").isSameAs(name("Content-Type", 0, 12));
    }

    @Test
    void nameWhenSpelledOtherwiseThenMadeAsSentCaseIncluded() {
        Object other = name("content-TYPE", 0, 12);

        assertThat(other).hasToString("content-TYPE").isNotSameAs(name("content-TYPE", 0, 12));
        assertThat((Object) name("X-" + "a".repeat(40), 0, 42)).hasToString("X-" + "a".repeat(40));
        assertThat((Object) name("Dat", 0, 3)).hasToString("Dat");
    }

    private static AsciiString name(String text, int start, int length) {
        return ResponseFieldNames.name(text.getBytes(StandardCharsets.ISO_8859_1), start, length);
    }
}
