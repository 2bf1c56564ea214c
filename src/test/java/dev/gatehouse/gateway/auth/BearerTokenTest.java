package dev.gatehouse.gateway.auth;

import io.vertx.core.MultiMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which header an authorizer's identity source names, and what bearer token a request carries in it. */
class BearerTokenTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            null                                                      | Authorization
            '   '                                                     | Authorization
            method.request.header.Authorization                       | Authorization
            method.request.header.X-Token                             | X-Token
            $request.header.X-Token                                   | X-Token
            ' method.request.header.X-Token , method.request.header.Y' | X-Token
            method.request.querystring.token                          | null""")
    void identitySourceWhenConfiguredThenHeaderName(String source, String name) {
        assertThat(BearerToken.headerName(source)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            Bearer abc.def.ghi   | abc.def.ghi
            bearer abc.def.ghi   | abc.def.ghi
            BEARER abc.def.ghi   | abc.def.ghi
            abc.def.ghi          | abc.def.ghi
            Basic dXNlcjpwYXNz   | null""")
    void headerWhenBearerOrOtherSchemeThenToken(String value, String token) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("authorization", value);

        BearerToken.Extracted extracted = BearerToken.extract(headers, null, null);

        assertThat(extracted.token()).isEqualTo(token);
        assertThat(extracted.ambiguous()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            Bearer a.b.c | Bearer d.e.f | null
            Bearer a.b.c | null         | access_token=x""")
    void secondCredentialWhenPresentThenAmbiguous(String first, String second, String query) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", first);
        if (second != null) {
            headers.add("Authorization", second);
        }

        assertThat(BearerToken.extract(headers, null, query).ambiguous()).isTrue();
    }
}
