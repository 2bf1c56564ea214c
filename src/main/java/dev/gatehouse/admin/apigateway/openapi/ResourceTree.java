package dev.gatehouse.admin.apigateway.openapi;

import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The resources of an API as they are built from {@code paths}: every path's intermediate
 * segments become resources too (as API Gateway's import creates them), existing resources keep
 * their ids, and API Gateway's CreateResource rules hold for each segment.
 */
final class ResourceTree {

    // API Gateway CreateResource: "Resource's path part only allow a-zA-Z0-9._- and curly braces at
    // the beginning and the end and an optional plus sign before the closing brace."
    private static final Pattern PATH_PART = Pattern.compile("[a-zA-Z0-9._-]+|\\{[a-zA-Z0-9._-]+\\+?}");

    private static final class Node {
        final String id;
        final String parentId;
        final String pathPart;
        final String path;
        final Map<String, ApiMethod> methods = new LinkedHashMap<>();

        Node(String id, String parentId, String pathPart, String path) {
            this.id = id;
            this.parentId = parentId;
            this.pathPart = pathPart;
            this.path = path;
        }
    }

    private final Map<String, Node> byPath = new LinkedHashMap<>();
    private final Supplier<String> ids;

    private ResourceTree(Supplier<String> ids) {
        this.ids = ids;
    }

    /** A tree with only the root; it keeps the root's id when there was one. */
    static ResourceTree empty(String rootId, Supplier<String> ids) {
        ResourceTree tree = new ResourceTree(ids);
        tree.byPath.put("/", new Node(rootId != null ? rootId : ids.get(), null, "", "/"));
        return tree;
    }

    /** The existing resources, methods included (merge). */
    static ResourceTree of(List<ApiResource> resources, Supplier<String> ids) {
        ResourceTree tree = new ResourceTree(ids);
        resources.stream()
                .sorted((a, b) -> Integer.compare(depth(a.path()), depth(b.path())))
                .forEach(r -> {
                    Node node = new Node(r.id(), r.parentId(), r.pathPart(), r.path());
                    node.methods.putAll(r.methods());
                    tree.byPath.put(r.path(), node);
                });
        tree.byPath.computeIfAbsent("/", p -> new Node(ids.get(), null, "", "/"));
        return tree;
    }

    static String rootId(List<ApiResource> resources) {
        return resources.stream().filter(r -> r.path().equals("/")).map(ApiResource::id).findFirst().orElse(null);
    }

    /**
     * Checks a document path and creates it with its ancestors.
     *
     * @return null when created, else why the path is refused (API Gateway-style sentence)
     */
    String add(String path) {
        if (!path.startsWith("/")) {
            return "Invalid resource path '" + path + "': a path must begin with '/'";
        }
        if (path.equals("/")) {
            return null;
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String[] parts = trimmed.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                return "Invalid resource path '" + path + "': empty path segment";
            }
            if (!PATH_PART.matcher(part).matches()) {
                return "Unable to create resource at path '" + path + "': Resource's path part only allow a-zA-Z0-9._- "
                        + "and curly braces at the beginning and the end and an optional plus sign before the closing brace.";
            }
            if (part.endsWith("+}") && i != parts.length - 1) {
                return "Unable to create resource at path '" + path + "': A greedy path parameter ({name+}) must be the last path part.";
            }
        }
        String parentPath = "/";
        for (String part : parts) {
            String childPath = (parentPath.equals("/") ? "" : parentPath) + "/" + part;
            Node parent = byPath.get(parentPath);
            if (!byPath.containsKey(childPath)) {
                if (parent.pathPart.endsWith("+}")) {
                    return "Unable to create resource at path '" + path + "': A greedy resource path variable cannot have child resources.";
                }
                if (part.startsWith("{")) {
                    for (Node sibling : children(parent.id)) {
                        if (sibling.pathPart.startsWith("{")) {
                            return "Unable to create resource at path '" + path + "': A sibling (" + sibling.pathPart
                                    + ") of this resource already has a variable path part -- only one is allowed";
                        }
                    }
                }
                byPath.put(childPath, new Node(ids.get(), parent.id, part, childPath));
            }
            parentPath = childPath;
        }
        return null;
    }

    /** The canonical form of a document path ({@code /items/} → {@code /items}). */
    static String canonical(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    void putMethod(String path, ApiMethod method) {
        byPath.get(canonical(path)).methods.put(method.httpMethod(), method);
    }

    /** Overwrite keeps nothing of an existing path; merge replaces only the methods the document names. */
    void clearMethods(String path) {
        byPath.get(canonical(path)).methods.clear();
    }

    List<ApiResource> resources() {
        List<ApiResource> out = new ArrayList<>();
        for (Node node : byPath.values()) {
            out.add(new ApiResource(node.id, node.parentId, node.pathPart, node.path, node.methods));
        }
        return out;
    }

    private List<Node> children(String parentId) {
        return byPath.values().stream().filter(n -> parentId.equals(n.parentId)).toList();
    }

    private static int depth(String path) {
        return path.equals("/") ? 0 : path.split("/").length;
    }
}
