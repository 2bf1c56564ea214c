package dev.gatehouse.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written IPv4 literal parser accepts exactly the dotted quads the regular expression it
 * replaced accepted, yields the same bytes InetAddress does, and formats them back the same way.
 */
class CidrIpv4Test {

    private static final Pattern REFERENCE = Pattern.compile(
            "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final String CHARS = "0123456789.....a:- ";

    @Test
    void agreesWithTheReferenceOnRandomLiterals() throws Exception {
        Random random = new Random(4);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(16);
            for (int j = 0; j < length; j++) {
                text.append(random.nextInt(8) == 0 ? CHARS.charAt(random.nextInt(CHARS.length()))
                        : random.nextInt(4) == 0 ? '.' : (char) ('0' + random.nextInt(10)));
            }
            check(text.toString());
            accepted += REFERENCE.matcher(text).matches() ? 1 : 0;
        }
        for (String literal : new String[] {"0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.",
                ".1.2.3", "1..2.3", "1.2.3.4.5", "127.0.0.1", "10.0.0.255", "1.2.3.0400", "1.2.3.9999"}) {
            check(literal);
            accepted += REFERENCE.matcher(literal).matches() ? 1 : 0;
        }
        assertThat(accepted).as("valid literals among the samples").isGreaterThan(100);
    }

    private static void check(String text) throws Exception {
        Optional<byte[]> parsed = Cidr.address(text);
        if (REFERENCE.matcher(text).matches()) {
            byte[] expected = InetAddress.getByName(text).getAddress();
            assertThat(parsed).as(text).isPresent();
            assertThat(parsed.get()).as(text).isEqualTo(expected);
            assertThat(Cidr.format(parsed.get())).isEqualTo(InetAddress.getByAddress(expected).getHostAddress());
        } else if (text.indexOf(':') < 0) {
            assertThat(parsed).as(text).isEmpty();
        }
    }
}
