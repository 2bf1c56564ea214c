package dev.gatehouse.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SECURITY TE-20: who the client is, with and without trusted proxies, for spoofed and odd chains. */
class ClientAddressTest {

    @ParameterizedTest(name = "trusted [{0}] peer {1} XFF [{2}] -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # trusted proxies         | peer          | X-Forwarded-For fields (; separates fields) | client
            -                         | 127.0.0.1     | 10.9.9.9                                | 127.0.0.1
            -                         | 127.0.0.2     | 127.0.0.1                               | 127.0.0.2
            -                         | 192.0.2.7     | -                                       | 192.0.2.7
            127.0.0.1                 | 127.0.0.1     | 198.51.100.4                            | 198.51.100.4
            127.0.0.1                 | 127.0.0.2     | 198.51.100.4                            | 127.0.0.2
            127.0.0.1                 | 127.0.0.1     | -                                       | 127.0.0.1
            10.0.0.0/8                | 10.1.2.3      | 1.1.1.1, 203.0.113.9                    | 203.0.113.9
            10.0.0.0/8                | 10.1.2.3      | 1.1.1.1, 203.0.113.9, 10.4.4.4          | 203.0.113.9
            10.0.0.0/8                | 10.1.2.3      | 203.0.113.9;10.4.4.4                    | 203.0.113.9
            10.0.0.0/8                | 10.1.2.3      | 10.7.7.7, 10.4.4.4                      | 10.7.7.7
            10.0.0.0/8                | 10.1.2.3      | 1.1.1.1, not-an-ip                      | 10.1.2.3
            10.0.0.0/8                | 10.1.2.3      | 1.1.1.1, unknown, 10.4.4.4              | 10.4.4.4
            10.0.0.0/8                | 10.1.2.3      | 203.0.113.9:4711                        | 203.0.113.9
            10.0.0.0/8                | 10.1.2.3      | [2001:db8::1]:4711                      | 2001:db8:0:0:0:0:0:1
            10.0.0.0/8                | 10.1.2.3      | 2001:DB8::1                             | 2001:db8:0:0:0:0:0:1
            10.0.0.0/8                | 10.1.2.3      | 2001:db8::1%eth0                        | 10.1.2.3
            10.0.0.0/8                | 10.1.2.3      | ''                                      | 10.1.2.3
            10.0.0.0/8                | 11.0.0.1      | 1.1.1.1                                 | 11.0.0.1
            10.0.0.0/8                | ::ffff:10.1.2.3 | 203.0.113.9                           | 203.0.113.9
            10.0.0.0/8                | 10.1.2.3      | 256.1.1.1                               | 10.1.2.3
            10.0.0.0/8                | 10.1.2.3      | 01.2.3.4                                | 10.1.2.3
            10.0.0.0/8                | 10.1.2.3      | localhost                               | 10.1.2.3
            fd00::/8                  | fd12::1       | 198.51.100.4                            | 198.51.100.4
            fd00::/8                  | fe80::1       | 198.51.100.4                            | fe80:0:0:0:0:0:0:1
            ::1                       | 0:0:0:0:0:0:0:1 | 2001:db8::7, 198.51.100.4             | 198.51.100.4
            192.168.0.0/16,10.0.0.0/8 | 192.168.1.1   | 203.0.113.9, 10.4.4.4                   | 203.0.113.9
            """)
    void resolveWhenChainThenRightMostUntrusted(String trusted, String peer, String forwardedFor, String client) {
        List<Cidr> proxies = trusted == null ? List.of() : Arrays.stream(trusted.split(",")).map(Cidr::parse).toList();
        List<String> fields = forwardedFor == null ? List.of() : List.of(forwardedFor.split(";"));
        assertThat(new ClientAddress(proxies).resolve(peer, fields)).isEqualTo(client);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8       | 10.255.255.255 | true
            10.0.0.0/8       | 11.0.0.0       | false
            10.1.2.3         | 10.1.2.3       | true
            10.1.2.3         | 10.1.2.4       | false
            10.1.2.3/24      | 10.1.2.200     | true
            0.0.0.0/0        | 203.0.113.1    | true
            0.0.0.0/0        | 2001:db8::1    | false
            2001:db8::/32    | 2001:db8:ffff::1 | true
            2001:db8::/32    | 2001:db9::1    | false
            ::/0             | ::1            | true
            127.0.0.0/8      | ::ffff:127.0.0.2 | true
            2001:db8::/127   | 2001:db8::1    | true
            2001:db8::/128   | 2001:db8::1    | false
            """)
    void containsWhenAddressThenPrefixMatch(String cidr, String address, boolean expected) {
        assertThat(Cidr.parse(cidr).contains(Cidr.address(address).orElseThrow())).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/33
            2001:db8::/129
            10.0.0.0/-1
            10.0.0.0/
            example.com
            10.0.0
            10.0.0.0/8/8
            ''
            """)
    void parseWhenNotACidrThenRefused(String text) {
        assertThatThrownBy(() -> Cidr.parse(text == null ? "" : text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            203.0.113.9               | 203.0.113.9
            2001:db8:1:2:aaaa::1      | 2001:db8:1:2:0:0:0:0/64
            2001:db8:1:2:bbbb::9      | 2001:db8:1:2:0:0:0:0/64
            """)
    void throttleKeyWhenIpv6ThenWholeSlash64(String address, String key) {
        assertThat(ClientAddress.throttleKey(address)).isEqualTo(key);
    }
}
