package dev.gatehouse.manage;

import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.ApiFailure;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.model.api.Integration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Pure edits of an {@link ApiDefinition}: each returns a new definition with every path recomputed. */
final class ApiDefinitions {

    /** API Gateway: a literal, {name} or a greedy {name+}. */
    private static final Pattern PATH_PART = Pattern.compile("^(?:[a-zA-Z0-9._:@$&'()*,;=~!-]+|\\{[a-zA-Z0-9._-]+\\+?})$");

    private ApiDefinitions() {
    }

    static ApiResource resource(ApiDefinition definition, String resourceId) {
        return definition.resources().stream().filter(r -> r.id().equals(resourceId)).findFirst()
                .orElseThrow(() -> ApiFailure.notFound("Invalid Resource identifier specified"));
    }

    static ApiMethod method(ApiDefinition definition, String resourceId, String httpMethod) {
        ApiMethod method = resource(definition, resourceId).methods().get(httpMethod);
        if (method == null) {
            throw ApiFailure.notFound("Invalid Method identifier specified");
        }
        return method;
    }

    static Integration integration(ApiDefinition definition, String resourceId, String httpMethod) {
        Integration integration = method(definition, resourceId, httpMethod).integration();
        if (integration == null) {
            throw ApiFailure.notFound("Invalid Integration identifier specified");
        }
        return integration;
    }

    static Authorizer authorizer(ApiDefinition definition, String authorizerId) {
        return definition.authorizer(authorizerId)
                .orElseThrow(() -> ApiFailure.notFound("Invalid Authorizer identifier specified"));
    }

    /** Checks a new or moved resource against API Gateway's sibling and greedy-path rules. */
    static void checkPlacement(ApiDefinition definition, String resourceId, String parentId, String pathPart) {
        if (!PATH_PART.matcher(pathPart).matches()) {
            throw ApiFailure.badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the "
                    + "beginning and the end and an optional plus sign before the closing brace.");
        }
        ApiResource parent = resource(definition, parentId);
        if (parent.pathPart().endsWith("+}")) {
            throw ApiFailure.badRequest("Cannot create a child of a resource with a greedy path variable: "
                    + parent.pathPart());
        }
        for (ApiResource sibling : definition.resources()) {
            if (!parentId.equals(sibling.parentId()) || sibling.id().equals(resourceId)) {
                continue;
            }
            if (sibling.pathPart().equals(pathPart)) {
                throw ApiFailure.conflict("Another resource with the same parent already has this name: " + pathPart);
            }
            if (isVariable(sibling.pathPart()) && isVariable(pathPart)) {
                throw ApiFailure.badRequest("A sibling (" + sibling.pathPart()
                        + ") of this resource already has a variable path part -- only one is allowed");
            }
        }
    }

    static boolean isVariable(String pathPart) {
        return pathPart.startsWith("{");
    }

    static ApiDefinition withResources(ApiDefinition definition, List<ApiResource> resources) {
        return new ApiDefinition(definition.apiId(), definition.name(), withPaths(resources), definition.authorizers());
    }

    static ApiDefinition addResource(ApiDefinition definition, ApiResource resource) {
        List<ApiResource> resources = new ArrayList<>(definition.resources());
        resources.add(resource);
        return withResources(definition, resources);
    }

    static ApiDefinition replaceResource(ApiDefinition definition, ApiResource resource) {
        List<ApiResource> resources = new ArrayList<>();
        for (ApiResource r : definition.resources()) {
            resources.add(r.id().equals(resource.id()) ? resource : r);
        }
        return withResources(definition, resources);
    }

    /** Removes the resource and every resource below it (API Gateway cascades). */
    static ApiDefinition removeResource(ApiDefinition definition, String resourceId) {
        Set<String> doomed = new HashSet<>(Set.of(resourceId));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ApiResource r : definition.resources()) {
                if (r.parentId() != null && doomed.contains(r.parentId()) && doomed.add(r.id())) {
                    grew = true;
                }
            }
        }
        return withResources(definition, definition.resources().stream().filter(r -> !doomed.contains(r.id())).toList());
    }

    static ApiDefinition editMethods(ApiDefinition definition, String resourceId,
                                     UnaryOperator<Map<String, ApiMethod>> edit) {
        ApiResource resource = resource(definition, resourceId);
        Map<String, ApiMethod> methods = edit.apply(new HashMap<>(resource.methods()));
        return replaceResource(definition, new ApiResource(resource.id(), resource.parentId(), resource.pathPart(),
                resource.path(), methods));
    }

    static ApiDefinition putMethod(ApiDefinition definition, String resourceId, ApiMethod method) {
        return editMethods(definition, resourceId, methods -> {
            methods.put(method.httpMethod(), method);
            return methods;
        });
    }

    static ApiDefinition withAuthorizers(ApiDefinition definition, List<Authorizer> authorizers) {
        return new ApiDefinition(definition.apiId(), definition.name(), definition.resources(), authorizers);
    }

    /** Recomputes every resource's full path from its parent chain. */
    private static List<ApiResource> withPaths(List<ApiResource> resources) {
        Map<String, ApiResource> byId = new HashMap<>();
        resources.forEach(r -> byId.put(r.id(), r));
        List<ApiResource> out = new ArrayList<>();
        for (ApiResource r : resources) {
            out.add(new ApiResource(r.id(), r.parentId(), r.pathPart(), pathOf(r, byId), r.methods()));
        }
        return out;
    }

    private static String pathOf(ApiResource resource, Map<String, ApiResource> byId) {
        if (resource.parentId() == null) {
            return "/";
        }
        ApiResource parent = byId.get(resource.parentId());
        String parentPath = parent == null ? "/" : pathOf(parent, byId);
        return (parentPath.endsWith("/") ? parentPath : parentPath + "/") + resource.pathPart();
    }
}
