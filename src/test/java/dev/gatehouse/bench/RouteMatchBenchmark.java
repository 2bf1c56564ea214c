package dev.gatehouse.bench;

import dev.gatehouse.gateway.RequestPath;
import dev.gatehouse.gateway.RouteTable;
import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.DeployedStage;
import dev.gatehouse.model.api.Stage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Route matching on one deployed stage of about 1,000 resources (100 services, each with a collection,
 * {@code {id}} items, sub-collections, literal siblings of {@code {id}} and a {@code {proxy+}} catch-all):
 * what the gateway does per request after parsing the path. {@code parseAndMatch} adds the path parsing
 * ({@link RequestPath#parse}) that comes before it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouteMatchBenchmark {

    /** What kind of path is matched: a literal leaf, a parameter, a literal beside a parameter, a greedy tail. */
    @Param({"/svc42/items", "/svc42/items/1234", "/svc42/items/1234/tags/7", "/svc42/items/special",
            "/svc42/files/a/b/c.txt"})
    public String path;

    private RouteTable table;
    private RequestPath parsed;

    @Setup
    public void compile() {
        table = RouteTable.compile(stage(100));
        parsed = RequestPath.parse(path).orElseThrow();
        if (table.match("GET", parsed).isEmpty()) {
            throw new IllegalStateException("no route for " + path);
        }
    }

    /** About ten resources per service: 100 services give about 1,000 routes. */
    static DeployedStage stage(int services) {
        List<ApiResource> resources = new ArrayList<>();
        resources.add(resource("/", "GET"));
        for (int s = 0; s < services; s++) {
            String svc = "/svc" + s;
            resources.add(resource(svc, "GET"));
            resources.add(resource(svc + "/items", "GET", "POST"));
            resources.add(resource(svc + "/items/{id}", "GET", "PUT", "DELETE"));
            resources.add(resource(svc + "/items/special", "GET"));
            resources.add(resource(svc + "/items/{id}/tags", "GET"));
            resources.add(resource(svc + "/items/{id}/tags/{tag}", "GET", "DELETE"));
            resources.add(resource(svc + "/orders", "GET"));
            resources.add(resource(svc + "/orders/{orderId}", "GET"));
            resources.add(resource(svc + "/orders/{orderId}/lines", "GET"));
            resources.add(resource(svc + "/files/{proxy+}", "ANY"));
        }
        return new DeployedStage("us-east-1", new Stage("api", "prod", "d1", null, Map.of(), null, Map.of(), null, null),
                new ApiDefinition("api", "bench", resources, List.of()));
    }

    private static ApiResource resource(String path, String... methods) {
        Map<String, ApiMethod> map = new HashMap<>();
        for (String m : methods) {
            map.put(m, new ApiMethod(m, "NONE", null, List.of(), false, null, Map.of(), Map.of(), null));
        }
        String part = path.equals("/") ? "" : path.substring(path.lastIndexOf('/') + 1);
        return new ApiResource(path, null, part, path, map);
    }

    @Benchmark
    public Optional<RouteTable.Match> match() {
        return table.match("GET", parsed);
    }

    @Benchmark
    public Optional<RouteTable.Match> parseAndMatch() {
        return table.match("GET", RequestPath.parse(path).orElseThrow());
    }
}
