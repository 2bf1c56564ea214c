package dev.gatehouse.admin.apigateway.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where API Gateway finds a document's base path, and what each {@code basepath} mode makes of it. */
class BasePathTest {

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest(name = "{0} {1} -> ''{2}''")
    @CsvSource(delimiter = '|', value = {
            "PREPEND | {'swagger':'2.0','basePath':'/a/b/c'}                                          | /a/b/c",
            "SPLIT   | {'swagger':'2.0','basePath':'/a/b/c/'}                                         | /b/c",
            "IGNORE  | {'swagger':'2.0','basePath':'/a/b/c'}                                          | ''",
            "SPLIT   | {'swagger':'2.0','basePath':'/prod'}                                           | ''",
            "PREPEND | {'swagger':'2.0','basePath':'/'}                                               | ''",
            "PREPEND | {'swagger':'2.0'}                                                              | ''",
            "PREPEND | {'openapi':'3.0.1','servers':[{'url':'/','variables':{'basePath':{'default':'v1'}}}]} | /v1",
            "PREPEND | {'openapi':'3.0.1','servers':[{'url':'https://x.example/one'},{'url':'/','variables':{'basePath':{'default':'/two'}}}]} | /two",
            "SPLIT   | {'openapi':'3.0.1','servers':[{'url':'/prod/shop'}]}                           | /shop",
            "PREPEND | {'openapi':'3.0.1','servers':[{'url':'https://{host}/{stage}/api','variables':{'host':{'default':'h'},'stage':{'default':'dev'}}}]} | /dev/api",
            "PREPEND | {'openapi':'3.0.1','servers':[]}                                               | ''",
            "PREPEND | {'openapi':'3.0.1'}                                                            | ''"})
    void prefixWhenModeAndDocumentThenApiGatewaysResourcePrefix(BasePath mode, String document, String prefix)
            throws Exception {
        ObjectNode root = json(document);
        assertThat(mode.prefix(root, root.has("swagger"))).isEqualTo(prefix);
    }

    @Test
    void applyWhenRootOrChildThenPrefixedOnce() {
        assertThat(BasePath.apply("/a/b", "/")).isEqualTo("/a/b");
        assertThat(BasePath.apply("/a/b", "/e")).isEqualTo("/a/b/e");
        assertThat(BasePath.apply("", "/e")).isEqualTo("/e");
    }

    @Test
    void parseWhenApiGatewaysValuesThenModeElseRefusedWithTheOptions() {
        assertThat(BasePath.parse(null)).isEqualTo(BasePath.IGNORE);
        assertThat(BasePath.parse("Prepend")).isEqualTo(BasePath.PREPEND);
        assertThat(BasePath.parse("split")).isEqualTo(BasePath.SPLIT);
        assertThatThrownBy(() -> BasePath.parse("strip")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid basepath parameter value: strip. Valid options are ignore,prepend,split");
    }
}
