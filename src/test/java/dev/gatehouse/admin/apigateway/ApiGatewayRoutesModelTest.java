package dev.gatehouse.admin.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.admin.awsjson.ServiceModel;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes against the botocore apigateway model: same methods, URIs and success codes, and none missing. */
class ApiGatewayRoutesModelTest {

    private static final List<ApiRoute> ROUTES = ApiGatewayRoutes.create(null, null, () -> "http://localhost:9229", "localhost");

    private static JsonNode operations() throws Exception {
        try (InputStream in = ApiGatewayRoutesModelTest.class.getResourceAsStream(ServiceModel.APIGATEWAY_RESOURCE)) {
            return new ObjectMapper().readTree(in).get("operations");
        }
    }

    @Test
    void servedRoutesWhenComparedToTheModelThenSameMethodUriAndStatus() throws Exception {
        JsonNode operations = operations();
        int served = 0;
        for (ApiRoute route : ROUTES) {
            JsonNode http = operations.path(route.operation()).path("http");
            assertThat(http.isMissingNode()).as(route.operation()).isFalse();
            assertThat(route.httpMethod()).as(route.operation()).isEqualTo(http.path("method").asText());
            assertThat(route.template()).as(route.operation()).isEqualTo(http.path("requestUri").asText());
            if (route.status() != 400) {
                served++;
                assertThat(route.status()).as(route.operation()).isEqualTo(http.path("responseCode").asInt(200));
            }
        }
        assertThat(served).isEqualTo(46);
    }

    @Test
    void everyModelOperationWhenRoutedThenHasExactlyOneRoute() throws Exception {
        Set<String> routed = new HashSet<>();
        ROUTES.forEach(route -> assertThat(routed.add(route.operation())).as(route.operation()).isTrue());
        Set<String> modelled = new HashSet<>();
        operations().fieldNames().forEachRemaining(modelled::add);
        assertThat(routed).isEqualTo(modelled).hasSize(124);
    }

    @Test
    void pathRegexWhenAnyModelPathThenManagementButTheRuntimePathIsNot() throws Exception {
        Pattern management = Pattern.compile(ApiGatewayEndpoint.PATH_REGEX);
        operations().forEach(op -> {
            String uri = op.path("http").path("requestUri").asText().replaceAll("\\{[^}]+}", "x1").replaceAll("\\?.*", "");
            assertThat(management.matcher(uri).matches()).as(uri).isTrue();
        });
        assertThat(management.matcher("/restapis/abc/prod/_user_request_/items").matches()).isFalse();
        assertThat(management.matcher("/oauth2/token").matches()).isFalse();
        assertThat(management.matcher("/us-east-1_abc/.well-known/jwks.json").matches()).isFalse();
    }
}
