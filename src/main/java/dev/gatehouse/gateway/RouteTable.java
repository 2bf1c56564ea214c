package dev.gatehouse.gateway;

import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.DeployedStage;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of one deployed stage as an immutable segment trie (DESIGN §5), compiled once per
 * {@link DeployedStage}. At each level a literal segment beats {@code {param}}, which beats the
 * greedy {@code {proxy+}} (one or more remaining segments); the search backtracks, so
 * {@code /items/a/b} still finds {@code /items/{proxy+}} when {@code /items/{id}} has no child
 * {@code b}. A resource counts only if it serves the method (exactly, else through {@code ANY}), so
 * {@code PUT /items/42} reaches {@code /items/{proxy+}} (ANY) when {@code /items/{id}} has only GET;
 * nothing serving it is "no route" (API Gateway answers 403 Missing Authentication Token).
 */
public final class RouteTable {

    /** What a request matched: the resource, the method and the path parameters (raw text, as forwarded). */
    public record Match(ApiResource resource, ApiMethod method, Map<String, String> pathParameters) {
    }

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        String paramName;
        Node param;
        String greedyName;
        ApiResource greedy;
        ApiResource resource;
    }

    private final Node root = new Node();

    private RouteTable() {
    }

    public static RouteTable compile(DeployedStage stage) {
        RouteTable table = new RouteTable();
        for (ApiResource resource : stage.definition().resources()) {
            table.add(resource);
        }
        return table;
    }

    private void add(ApiResource resource) {
        Node node = root;
        String path = resource.path();
        if (path.equals("/")) {
            root.resource = resource;
            return;
        }
        String[] parts = path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i == parts.length - 1) {
                    node.greedyName = part.substring(1, part.length() - 2);
                    node.greedy = resource;
                }
                return; // a greedy segment is always last (API Gateway refuses children under it)
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                if (node.param == null) {
                    node.param = new Node();
                    node.paramName = part.substring(1, part.length() - 1);
                }
                node = node.param;
            } else {
                node = node.literals.computeIfAbsent(part, k -> new Node());
            }
        }
        node.resource = resource;
    }

    public Optional<Match> match(String httpMethod, RequestPath path) {
        Map<String, String> params = new LinkedHashMap<>();
        ApiResource resource = find(root, path, 0, params, httpMethod);
        return resource == null ? Optional.empty()
                : Optional.of(new Match(resource, methodOf(resource, httpMethod), Map.copyOf(params)));
    }

    private static ApiMethod methodOf(ApiResource resource, String httpMethod) {
        if (resource == null) {
            return null;
        }
        ApiMethod method = resource.methods().get(httpMethod);
        return method != null ? method : resource.methods().get("ANY");
    }

    private static ApiResource find(Node node, RequestPath path, int index, Map<String, String> params, String httpMethod) {
        List<String> decoded = path.decoded();
        if (index == decoded.size()) {
            return methodOf(node.resource, httpMethod) != null ? node.resource : null;
        }
        Node literal = node.literals.get(decoded.get(index));
        if (literal != null) {
            ApiResource found = find(literal, path, index + 1, params, httpMethod);
            if (found != null) {
                return found;
            }
        }
        if (node.param != null) {
            params.put(node.paramName, path.raw().get(index));
            ApiResource found = find(node.param, path, index + 1, params, httpMethod);
            if (found != null) {
                return found;
            }
            params.remove(node.paramName);
        }
        if (node.greedy != null && methodOf(node.greedy, httpMethod) != null) {
            params.put(node.greedyName, String.join("/", path.raw().subList(index, path.raw().size())));
            return node.greedy;
        }
        return null;
    }
}
