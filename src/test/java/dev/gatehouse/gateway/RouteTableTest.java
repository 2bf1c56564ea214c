package dev.gatehouse.gateway;

import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.DeployedStage;
import dev.gatehouse.model.api.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    private static ApiMethod method(String name) {
        return new ApiMethod(name, "NONE", null, List.of(), false, null, Map.of(), Map.of(), null);
    }

    private static ApiResource resource(String path, String... methods) {
        Map<String, ApiMethod> map = new java.util.HashMap<>();
        for (String m : methods) {
            map.put(m, method(m));
        }
        String part = path.equals("/") ? "" : path.substring(path.lastIndexOf('/') + 1);
        return new ApiResource(path, null, part, path, map);
    }

    private static final RouteTable TABLE = RouteTable.compile(new DeployedStage("us-east-1",
            new Stage("api", "prod", "d1", null, Map.of(), null, Map.of(), null, null),
            new ApiDefinition("api", "t", List.of(
                    resource("/", "GET"),
                    resource("/items", "GET", "POST"),
                    resource("/items/{id}", "GET"),
                    resource("/items/{id}/tags", "GET"),
                    resource("/items/special", "GET"),
                    resource("/items/{proxy+}", "ANY"),
                    resource("/files/{proxy+}", "GET")), List.of())));

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "GET|/|/|",
            "GET|/items|/items|",
            "POST|/items|/items|",
            "DELETE|/items|-|",
            "GET|/items/special|/items/special|",
            "GET|/items/42|/items/{id}|id=42",
            "GET|/items/42/tags|/items/{id}/tags|id=42",
            "GET|/items/42/other|/items/{proxy+}|proxy=42/other",
            "PUT|/items/42|/items/{proxy+}|proxy=42",
            "GET|/items/a%20b/c|/items/{proxy+}|proxy=a%20b/c",
            "GET|/files/a/b/c.txt|/files/{proxy+}|proxy=a/b/c.txt",
            "POST|/files/a|-|",
            "GET|/files|-|",
            "GET|/nothing|-|",
    })
    void matches(String method, String path, String resource, String params) {
        Optional<RouteTable.Match> match = TABLE.match(method, RequestPath.parse(path).orElseThrow());
        if (resource == null) {
            assertThat(match).isEmpty();
            return;
        }
        assertThat(match).isPresent();
        assertThat(match.get().resource().path()).isEqualTo(resource);
        String expected = params == null ? "" : params;
        String actual = match.get().pathParameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + "," + b).orElse("");
        assertThat(actual).isEqualTo(expected);
    }

    /** SECURITY GW-10/GW-11: what is refused (empty) and what is accepted, with the forwarded raw path. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "/svc/orders/1|/svc/orders/1",
            "/svc/a%20b|/svc/a%20b",
            "/svc/caf%C3%A9|/svc/caf%C3%A9",
            "/svc/file.txt|/svc/file.txt",
            "/|/",
            "/svc/orders/../admin/x|-",
            "/svc/orders/./x|-",
            "/svc/orders/%2e%2e/admin/x|-",
            "/svc/orders/.%2e/admin/x|-",
            "/svc/orders/..%2fadmin/x|-",
            "/svc/orders/%252e%252e/admin/x|-",
            "/svc/orders/..;/admin/x|-",
            "/svc/orders;a=b/../admin/x|-",
            "/svc/orders\\..\\admin\\x|-",
            "/svc/orders/%5c..%5cadmin|-",
            "/svc/orders/%c0%ae%c0%ae/admin|-",
            "//svc/admin/x|-",
            "/svc//admin/x|-",
            "/svc/admin/x%00|-",
            "/svc/admin/x%0a|-",
            "/svc/orders/%2fadmin|-",
            "/svc/admin/x#frag|-",
            "/svc/admin/|-",
            "/svc/%zz|-",
            "/svc/%4|-",
            "svc|-",
    })
    void normalises(String raw, String forwarded) {
        Optional<RequestPath> path = RequestPath.parse(raw);
        if (forwarded == null) {
            assertThat(path).isEmpty();
        } else {
            assertThat(path).isPresent();
            assertThat(path.get().rawPath()).isEqualTo(forwarded);
        }
    }
}
