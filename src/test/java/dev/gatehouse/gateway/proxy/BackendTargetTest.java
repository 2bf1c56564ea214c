package dev.gatehouse.gateway.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Integration URIs split into origin and request target, including when one thread parses many in turn. */
class BackendTargetTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://Backend.Example:8080/a/b?c=d#f | false | backend.example | 8080 | backend.example:8080 | /a/b?c=d
            https://backend.example/             | true  | backend.example | 443  | backend.example      | /
            http://user:pw@backend.example?q      | false | backend.example | 80   | backend.example      | /?q
            HTTP://[::1]:9000/x                   | false | ::1             | 9000 | [::1]:9000           | /x
            https://backend.example:443/x         | true  | backend.example | 443  | backend.example      | /x""")
    void uriWhenAbsoluteThenOriginAndTarget(String uri, boolean tls, String host, int port, String hostHeader, String target) {
        for (int twice = 0; twice < 2; twice++) { // the second parse comes from the thread's last origin
            BackendTarget parsed = BackendTarget.parse(uri);

            assertThat(parsed.origin()).isEqualTo(new BackendTarget.Origin(tls, host, port, hostHeader));
            assertThat(parsed.requestTarget()).isEqualTo(target);
        }
    }

    @Test
    void sameAuthorityWhenOtherSchemeOrPortThenNotTheLastOrigin() {
        BackendTarget.parse("http://backend.example:8080/a");

        assertThat(BackendTarget.parse("https://backend.example:8080/a").origin().tls()).isTrue();
        assertThat(BackendTarget.parse("https://backend.example:8081/a").origin().port()).isEqualTo(8081);
        assertThat(BackendTarget.parse("https://backend.example:808/a").origin().port()).isEqualTo(808);
        assertThat(BackendTarget.parse("http://other.example:808/a").origin().host()).isEqualTo("other.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://backend.example/", "http:///x", "http://backend.example:0/", "http://backend.example:65536/",
            "http://backend.example:8a/", "http://[::1/", "http://[::1]x/", "backend.example/x"})
    void uriWhenNotAnAbsoluteHttpUrlThenNull(String uri) {
        BackendTarget.parse("http://backend.example:8080/a");

        assertThat(BackendTarget.parse(uri)).isNull();
    }
}
