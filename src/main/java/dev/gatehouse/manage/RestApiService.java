package dev.gatehouse.manage;

import dev.gatehouse.model.UserPool;
import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.ApiFailure;
import dev.gatehouse.model.api.ApiIds;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.model.api.Integration;
import dev.gatehouse.model.api.PatchOperation;
import dev.gatehouse.model.api.RestApi;
import dev.gatehouse.store.ApiState;
import dev.gatehouse.store.ApiStore;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.Store;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway REST APIs: the API itself, its resources, methods, integrations and authorizers
 * (issue 4). Every edit runs under the API's row lock and changes one JSON definition; callers
 * see changes only after a deployment (ApiDeploymentService).
 */
public final class RestApiService {

    public static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
    private static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS", "JWT");
    private static final Set<String> AUTHORIZER_TYPES = Set.of("TOKEN", "REQUEST", "COGNITO_USER_POOLS", "JWT");
    private static final Set<String> INTEGRATION_TYPES = Set.of("HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY");
    private static final Pattern POOL_ARN =
            Pattern.compile("^arn:aws:cognito-idp:([a-z0-9-]+):([0-9]{12}):userpool/([\\w-]+_[0-9a-zA-Z]+)$");
    /** The rest_api.name and api_version columns hold this many characters. */
    static final int MAX_NAME_LENGTH = 1024;

    /** What PutMethod sets (API Gateway: PutMethodRequest). */
    public record MethodSpec(String authorizationType, String authorizerId, List<String> authorizationScopes,
                             boolean apiKeyRequired, String operationName, Map<String, Boolean> requestParameters) {
    }

    /** What CreateAuthorizer sets (API Gateway: CreateAuthorizerRequest). */
    public record AuthorizerSpec(String name, String type, List<String> providerArns, String identitySource,
                                 String identityValidationExpression, Integer resultTtlSeconds, String jwtIssuer,
                                 List<String> jwtAudience) {
    }

    /**
     * What an OpenAPI import made of a document (ImportRestApi / PutRestApi); the management API
     * translates the document, this service checks and stores the result.
     */
    public record ImportedDefinition(String name, String description, String version, ApiDefinition definition) {
    }

    private final ApiStore apis;
    private final Store store;
    private final DirectoryHolder directory;
    private final Clock clock;
    private final String accountId;

    public RestApiService(ApiStore apis, Store store, DirectoryHolder directory, Clock clock, String accountId) {
        this.apis = apis;
        this.store = store;
        this.directory = directory;
        this.clock = clock;
        this.accountId = accountId;
    }

    // ---------------------------------------------------------------- APIs

    public ApiState createApi(String region, String name, String description, String version, Map<String, String> tags) {
        checkName(name);
        checkVersion(version);
        ApiTags.check(tags == null ? Map.of() : tags);
        String apiId = ApiIds.newId();
        String rootId = ApiIds.newId();
        RestApi api = new RestApi(apiId, region, name, description, version, clock.instant(), rootId,
                tags == null ? Map.of() : tags);
        ApiDefinition definition = new ApiDefinition(apiId, name,
                List.of(new ApiResource(rootId, null, "", "/", Map.of())), List.of());
        ApiState state = new ApiState(api, definition);
        apis.insertApi(state);
        return state;
    }

    /** ImportRestApi: a new API holding the imported definition, in one write. */
    public ApiState importApi(String region, String apiId, ImportedDefinition imported) {
        ApiDefinition definition = imported.definition();
        if (!definition.apiId().equals(apiId)) {
            throw new IllegalArgumentException("the imported definition belongs to another API");
        }
        checkName(imported.name());
        checkVersion(imported.version());
        checkImported(region, definition);
        RestApi api = new RestApi(apiId, region, imported.name(), imported.description(), imported.version(),
                clock.instant(), rootOf(definition), Map.of());
        ApiState state = new ApiState(api, definition);
        apis.insertApi(state);
        directory.refreshApi(apiId);
        return state;
    }

    /**
     * PutRestApi: replaces the API's definition by what {@code translate} makes of the current one,
     * under the API's row lock (one write); the document's title and description, when given, rename it.
     */
    public ApiState putDefinition(String region, String apiId,
                                  java.util.function.Function<ApiDefinition, ImportedDefinition> translate) {
        return edit(region, apiId, s -> {
            ImportedDefinition imported = translate.apply(s.definition());
            ApiDefinition definition = imported.definition();
            checkImported(region, definition);
            if (!rootOf(definition).equals(s.api().rootResourceId())) {
                throw new IllegalStateException("an import must keep the root resource of API " + apiId);
            }
            RestApi api = s.api();
            if (imported.name() != null && !imported.name().isBlank()) {
                checkName(imported.name());
                api = api.withName(imported.name());
            }
            if (imported.description() != null) {
                api = api.withDescription(imported.description());
            }
            if (imported.version() != null) {
                checkVersion(imported.version());
                api = api.withVersion(imported.version());
            }
            return new ApiState(api, new ApiDefinition(apiId, api.name(), definition.resources(), definition.authorizers()));
        });
    }

    /** The checks CreateAuthorizer makes hold for imported authorizers too (provider pools must exist). */
    private void checkImported(String region, ApiDefinition definition) {
        definition.authorizers().forEach(authorizer -> checkAuthorizer(region, authorizer));
        rootOf(definition);
    }

    private static String rootOf(ApiDefinition definition) {
        return definition.resources().stream().filter(r -> r.parentId() == null).map(ApiResource::id).findFirst()
                .orElseThrow(() -> new IllegalStateException("an imported definition has no root resource"));
    }

    /** The API of the caller's region; another region's API is as absent as an unknown one. */
    public ApiState api(String region, String apiId) {
        return apis.findApi(apiId).filter(state -> state.api().region().equals(region))
                .orElseThrow(() -> notFoundApi(apiId));
    }

    public Page<RestApi> listApis(String region, String position, int limit) {
        return apis.listApis(region, position, limit);
    }

    public ApiState updateApi(String region, String apiId, List<PatchOperation> patches) {
        return edit(region, apiId, state -> {
            RestApi api = state.api();
            ApiDefinition definition = state.definition();
            for (PatchOperation patch : patches) {
                ApiPatches.checkOp(patch);
                switch (patch.path()) {
                    case "/name" -> {
                        ApiPatches.requireOp(patch, "replace");
                        checkName(ApiPatches.value(patch));
                        api = api.withName(ApiPatches.value(patch));
                        definition = new ApiDefinition(definition.apiId(), api.name(), definition.resources(),
                                definition.authorizers());
                    }
                    case "/description" -> {
                        ApiPatches.requireOp(patch, "replace");
                        api = api.withDescription(patch.value());
                    }
                    case "/version" -> {
                        ApiPatches.requireOp(patch, "replace");
                        checkVersion(patch.value());
                        api = api.withVersion(patch.value());
                    }
                    default -> throw ApiPatches.invalidPath(patch);
                }
            }
            return new ApiState(api, definition);
        });
    }

    public void deleteApi(String region, String apiId) {
        api(region, apiId);
        apis.deleteApi(apiId);
        directory.refreshApi(apiId);
    }

    // ---------------------------------------------------------------- resources

    public ApiResource createResource(String region, String apiId, String parentId, String pathPart) {
        String id = ApiIds.newId();
        ApiState state = edit(region, apiId, s -> {
            if (pathPart == null) {
                throw ApiFailure.badRequest("Invalid null pathPart specified");
            }
            ApiDefinitions.checkPlacement(s.definition(), id, parentId, pathPart);
            return new ApiState(s.api(), ApiDefinitions.addResource(s.definition(),
                    new ApiResource(id, parentId, pathPart, "", Map.of())));
        });
        return ApiDefinitions.resource(state.definition(), id);
    }

    public ApiResource resource(String region, String apiId, String resourceId) {
        return ApiDefinitions.resource(api(region, apiId).definition(), resourceId);
    }

    /** Resources ordered by path (API Gateway lists the root first), from {@code position} on. */
    public Page<ApiResource> resources(String region, String apiId, String position, int limit) {
        List<ApiResource> all = new ArrayList<>(api(region, apiId).definition().resources());
        all.sort((a, b) -> a.path().equals(b.path()) ? a.id().compareTo(b.id()) : a.path().compareTo(b.path()));
        return pageOf(all, position, limit, ApiResource::id);
    }

    public ApiResource updateResource(String region, String apiId, String resourceId, List<PatchOperation> patches) {
        ApiState state = edit(region, apiId, s -> {
            ApiResource resource = ApiDefinitions.resource(s.definition(), resourceId);
            String parentId = resource.parentId();
            String pathPart = resource.pathPart();
            for (PatchOperation patch : patches) {
                ApiPatches.checkOp(patch);
                ApiPatches.requireOp(patch, "replace");
                switch (patch.path()) {
                    case "/pathPart" -> pathPart = ApiPatches.value(patch);
                    case "/parentId" -> parentId = ApiPatches.value(patch);
                    default -> throw ApiPatches.invalidPath(patch);
                }
            }
            if (resource.parentId() == null) {
                throw ApiFailure.badRequest("Cannot modify the root resource");
            }
            ApiDefinitions.checkPlacement(s.definition(), resourceId, parentId, pathPart);
            if (isBelow(s.definition(), parentId, resourceId)) {
                throw ApiFailure.badRequest("Cannot move a resource below itself");
            }
            return new ApiState(s.api(), ApiDefinitions.replaceResource(s.definition(),
                    new ApiResource(resourceId, parentId, pathPart, resource.path(), resource.methods())));
        });
        return ApiDefinitions.resource(state.definition(), resourceId);
    }

    public void deleteResource(String region, String apiId, String resourceId) {
        edit(region, apiId, s -> {
            if (ApiDefinitions.resource(s.definition(), resourceId).parentId() == null) {
                throw ApiFailure.badRequest("Cannot delete root resource");
            }
            return new ApiState(s.api(), ApiDefinitions.removeResource(s.definition(), resourceId));
        });
    }

    // ---------------------------------------------------------------- methods

    public ApiMethod putMethod(String region, String apiId, String resourceId, String httpMethod, MethodSpec spec) {
        checkHttpMethod(httpMethod);
        ApiState state = edit(region, apiId, s -> {
            ApiResource resource = ApiDefinitions.resource(s.definition(), resourceId);
            if (resource.methods().containsKey(httpMethod)) {
                throw ApiFailure.conflict("Method already exists for this resource");
            }
            ApiMethod method = new ApiMethod(httpMethod, spec.authorizationType(), spec.authorizerId(),
                    orEmpty(spec.authorizationScopes()), spec.apiKeyRequired(), spec.operationName(),
                    spec.requestParameters() == null ? Map.of() : spec.requestParameters(), Map.of(), null);
            checkAuthorization(s.definition(), method);
            return new ApiState(s.api(), ApiDefinitions.putMethod(s.definition(), resourceId, method));
        });
        return ApiDefinitions.method(state.definition(), resourceId, httpMethod);
    }

    public ApiMethod method(String region, String apiId, String resourceId, String httpMethod) {
        return ApiDefinitions.method(api(region, apiId).definition(), resourceId, httpMethod);
    }

    public ApiMethod updateMethod(String region, String apiId, String resourceId, String httpMethod,
                                  List<PatchOperation> patches) {
        ApiState state = edit(region, apiId, s -> {
            ApiMethod m = ApiDefinitions.method(s.definition(), resourceId, httpMethod);
            String authorizationType = m.authorizationType();
            String authorizerId = m.authorizerId();
            List<String> scopes = m.authorizationScopes();
            boolean apiKeyRequired = m.apiKeyRequired();
            String operationName = m.operationName();
            Map<String, Boolean> requestParameters = new HashMap<>(m.requestParameters());
            for (PatchOperation patch : patches) {
                ApiPatches.checkOp(patch);
                String path = patch.path();
                if (path.equals("/authorizationScopes")) {
                    scopes = ApiPatches.editList(scopes, patch);
                } else if (path.startsWith("/requestParameters/")) {
                    String name = ApiPatches.unescape(path.substring("/requestParameters/".length()));
                    if (patch.op().equals("remove")) {
                        requestParameters.remove(name);
                    } else {
                        ApiPatches.requireOp(patch, "add", "replace");
                        requestParameters.put(name, patch.value() != null && Boolean.parseBoolean(patch.value()));
                    }
                } else {
                    ApiPatches.requireOp(patch, "replace");
                    switch (path) {
                        case "/authorizationType" -> authorizationType = ApiPatches.value(patch);
                        case "/authorizerId" -> authorizerId = patch.value();
                        case "/apiKeyRequired" -> apiKeyRequired = ApiPatches.booleanValue(patch);
                        case "/operationName" -> operationName = patch.value();
                        default -> throw ApiPatches.invalidPath(patch);
                    }
                }
            }
            ApiMethod updated = new ApiMethod(httpMethod, authorizationType, authorizerId, scopes, apiKeyRequired,
                    operationName, requestParameters, m.methodResponses(), m.integration());
            checkAuthorization(s.definition(), updated);
            return new ApiState(s.api(), ApiDefinitions.putMethod(s.definition(), resourceId, updated));
        });
        return ApiDefinitions.method(state.definition(), resourceId, httpMethod);
    }

    public void deleteMethod(String region, String apiId, String resourceId, String httpMethod) {
        edit(region, apiId, s -> {
            ApiDefinitions.method(s.definition(), resourceId, httpMethod);
            return new ApiState(s.api(), ApiDefinitions.editMethods(s.definition(), resourceId, methods -> {
                methods.remove(httpMethod);
                return methods;
            }));
        });
    }

    // ---------------------------------------------------------------- integrations

    /** Stores the integration with API Gateway's defaults (timeout 29 s, passthrough WHEN_NO_MATCH, INTERNET). */
    public Integration putIntegration(String region, String apiId, String resourceId, String httpMethod,
                                      Integration input) {
        Integration integration = withDefaults(input);
        checkIntegration(integration);
        editIntegration(region, apiId, resourceId, httpMethod, current -> integration);
        return integration;
    }

    public Integration integration(String region, String apiId, String resourceId, String httpMethod) {
        return ApiDefinitions.integration(api(region, apiId).definition(), resourceId, httpMethod);
    }

    public Integration updateIntegration(String region, String apiId, String resourceId, String httpMethod,
                                         List<PatchOperation> patches) {
        ApiState state = editIntegration(region, apiId, resourceId, httpMethod, current -> {
            if (current == null) {
                throw ApiFailure.notFound("Invalid Integration identifier specified");
            }
            Integration i = current;
            Map<String, String> requestParameters = new HashMap<>(i.requestParameters());
            String uri = i.uri();
            String method = i.httpMethod();
            String connectionType = i.connectionType();
            String passthrough = i.passthroughBehavior();
            int timeout = i.timeoutInMillis();
            for (PatchOperation patch : patches) {
                ApiPatches.checkOp(patch);
                String path = patch.path();
                if (path.startsWith("/requestParameters/")) {
                    String name = ApiPatches.unescape(path.substring("/requestParameters/".length()));
                    if (patch.op().equals("remove")) {
                        requestParameters.remove(name);
                    } else {
                        ApiPatches.requireOp(patch, "add", "replace");
                        requestParameters.put(name, ApiPatches.value(patch));
                    }
                    continue;
                }
                ApiPatches.requireOp(patch, "replace");
                switch (path) {
                    case "/uri" -> uri = ApiPatches.value(patch);
                    case "/httpMethod" -> method = ApiPatches.value(patch);
                    case "/connectionType" -> connectionType = ApiPatches.value(patch);
                    case "/passthroughBehavior" -> passthrough = ApiPatches.value(patch);
                    case "/timeoutInMillis" -> timeout = parseInt(patch);
                    default -> throw ApiPatches.invalidPath(patch);
                }
            }
            Integration updated = new Integration(i.type(), method, uri, connectionType, requestParameters,
                    i.requestTemplates(), passthrough, timeout, i.integrationResponses());
            checkIntegration(updated);
            return updated;
        });
        return ApiDefinitions.integration(state.definition(), resourceId, httpMethod);
    }

    public void deleteIntegration(String region, String apiId, String resourceId, String httpMethod) {
        editIntegration(region, apiId, resourceId, httpMethod, current -> {
            if (current == null) {
                throw ApiFailure.notFound("Invalid Integration identifier specified");
            }
            return null;
        });
    }

    ApiState editIntegration(String region, String apiId, String resourceId, String httpMethod,
                             UnaryOperator<Integration> change) {
        return edit(region, apiId, s -> {
            ApiMethod m = ApiDefinitions.method(s.definition(), resourceId, httpMethod);
            Integration next = change.apply(m.integration());
            return new ApiState(s.api(), ApiDefinitions.putMethod(s.definition(), resourceId,
                    new ApiMethod(httpMethod, m.authorizationType(), m.authorizerId(), m.authorizationScopes(),
                            m.apiKeyRequired(), m.operationName(), m.requestParameters(), m.methodResponses(), next)));
        });
    }

    // ---------------------------------------------------------------- authorizers

    public Authorizer createAuthorizer(String region, String apiId, AuthorizerSpec spec) {
        String id = ApiIds.newId();
        Authorizer authorizer = new Authorizer(id, required(spec.name(), "name"), required(spec.type(), "type"),
                orEmpty(spec.providerArns()), spec.identitySource(), spec.identityValidationExpression(),
                spec.resultTtlSeconds() == null ? Authorizer.DEFAULT_TTL_SECONDS : spec.resultTtlSeconds(),
                spec.jwtIssuer(), orEmpty(spec.jwtAudience()));
        checkAuthorizer(region, authorizer);
        edit(region, apiId, s -> {
            List<Authorizer> authorizers = new ArrayList<>(s.definition().authorizers());
            authorizers.add(authorizer);
            return new ApiState(s.api(), ApiDefinitions.withAuthorizers(s.definition(), authorizers));
        });
        return authorizer;
    }

    public Authorizer authorizer(String region, String apiId, String authorizerId) {
        return ApiDefinitions.authorizer(api(region, apiId).definition(), authorizerId);
    }

    public Page<Authorizer> authorizers(String region, String apiId, String position, int limit) {
        List<Authorizer> all = new ArrayList<>(api(region, apiId).definition().authorizers());
        all.sort((a, b) -> a.id().compareTo(b.id()));
        return pageOf(all, position, limit, Authorizer::id);
    }

    public Authorizer updateAuthorizer(String region, String apiId, String authorizerId, List<PatchOperation> patches) {
        ApiState state = edit(region, apiId, s -> {
            Authorizer a = ApiDefinitions.authorizer(s.definition(), authorizerId);
            String name = a.name();
            String type = a.type();
            List<String> arns = a.providerArns();
            String identitySource = a.identitySource();
            String validation = a.identityValidationExpression();
            int ttl = a.resultTtlSeconds();
            for (PatchOperation patch : patches) {
                ApiPatches.checkOp(patch);
                if (patch.path().equals("/providerARNs")) {
                    arns = ApiPatches.editList(arns, patch);
                    continue;
                }
                ApiPatches.requireOp(patch, "replace");
                switch (patch.path()) {
                    case "/name" -> name = ApiPatches.value(patch);
                    case "/type" -> type = ApiPatches.value(patch);
                    case "/identitySource" -> identitySource = patch.value();
                    case "/identityValidationExpression" -> validation = patch.value();
                    case "/authorizerResultTtlInSeconds" -> ttl = parseInt(patch);
                    default -> throw ApiPatches.invalidPath(patch);
                }
            }
            Authorizer updated = new Authorizer(authorizerId, name, type, arns, identitySource, validation, ttl,
                    a.jwtIssuer(), a.jwtAudience());
            checkAuthorizer(region, updated);
            List<Authorizer> authorizers = new ArrayList<>();
            for (Authorizer other : s.definition().authorizers()) {
                authorizers.add(other.id().equals(authorizerId) ? updated : other);
            }
            return new ApiState(s.api(), ApiDefinitions.withAuthorizers(s.definition(), authorizers));
        });
        return ApiDefinitions.authorizer(state.definition(), authorizerId);
    }

    public void deleteAuthorizer(String region, String apiId, String authorizerId) {
        edit(region, apiId, s -> {
            ApiDefinitions.authorizer(s.definition(), authorizerId);
            boolean inUse = s.definition().resources().stream().flatMap(r -> r.methods().values().stream())
                    .anyMatch(m -> authorizerId.equals(m.authorizerId()));
            if (inUse) {
                // API Gateway: an authorizer attached to a method cannot be deleted.
                throw ApiFailure.conflict("Cannot delete authorizer '" + authorizerId + "', is referenced in method");
            }
            return new ApiState(s.api(), ApiDefinitions.withAuthorizers(s.definition(),
                    s.definition().authorizers().stream().filter(a -> !a.id().equals(authorizerId)).toList()));
        });
    }

    // ---------------------------------------------------------------- helpers

    ApiStore store() {
        return apis;
    }

    DirectoryHolder directory() {
        return directory;
    }

    Clock clock() {
        return clock;
    }

    /** One locked read-modify-write of the API; the directory learns of it at once. */
    ApiState edit(String region, String apiId, UnaryOperator<ApiState> change) {
        api(region, apiId);
        ApiState state = apis.editApi(apiId, change).orElseThrow(() -> notFoundApi(apiId));
        directory.refreshApi(apiId);
        return state;
    }

    ApiFailure notFoundApi(String apiId) {
        return ApiFailure.notFound("Invalid API identifier specified " + accountId + ":" + apiId);
    }

    private static void checkHttpMethod(String httpMethod) {
        if (!HTTP_METHODS.contains(httpMethod)) {
            throw ApiFailure.badRequest("Invalid HttpMethod specified. Valid options are "
                    + "ANY,DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT");
        }
    }

    /** API Gateway names REST APIs with 1 to 1024 characters (Gatehouse stores at most that many). */
    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiFailure.badRequest("Invalid REST API name specified");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw ApiFailure.badRequest("Invalid REST API name specified: the name must be at most "
                    + MAX_NAME_LENGTH + " characters");
        }
    }

    private static void checkVersion(String version) {
        if (version != null && version.length() > MAX_NAME_LENGTH) {
            throw ApiFailure.badRequest("Invalid REST API version specified: the version must be at most "
                    + MAX_NAME_LENGTH + " characters");
        }
    }

    /** API Gateway: an authorizer-backed method must name an existing authorizer of a matching type. */
    private static void checkAuthorization(ApiDefinition definition, ApiMethod method) {
        String type = method.authorizationType();
        if (!AUTHORIZATION_TYPES.contains(type)) {
            throw ApiFailure.badRequest("Invalid authorization type specified. Valid options are "
                    + "NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS,JWT");
        }
        if (type.equals("NONE") || type.equals("AWS_IAM")) {
            return;
        }
        Authorizer authorizer = method.authorizerId() == null ? null
                : definition.authorizer(method.authorizerId()).orElse(null);
        boolean matches = authorizer != null && (type.equals("CUSTOM")
                ? authorizer.type().equals("TOKEN") || authorizer.type().equals("REQUEST")
                : authorizer.type().equals(type));
        if (!matches) {
            throw ApiFailure.badRequest("Invalid authorizer ID specified. Setting the authorization type to "
                    + type + " requires a valid authorizer.");
        }
    }

    private void checkAuthorizer(String region, Authorizer authorizer) {
        if (!AUTHORIZER_TYPES.contains(authorizer.type())) {
            throw ApiFailure.badRequest("Invalid authorizer type specified. Valid options are "
                    + "TOKEN,REQUEST,COGNITO_USER_POOLS,JWT");
        }
        if (authorizer.resultTtlSeconds() < 0 || authorizer.resultTtlSeconds() > 3600) {
            throw ApiFailure.badRequest("Invalid authorizer TTL specified. Value must be between 0 and 3600");
        }
        if (authorizer.type().equals("COGNITO_USER_POOLS")) {
            if (authorizer.providerArns().isEmpty()) {
                throw ApiFailure.badRequest("ProviderARNs need to be specified for a COGNITO_USER_POOLS authorizer");
            }
            for (String arn : authorizer.providerArns()) {
                checkPoolArn(region, arn);
            }
        }
        if (authorizer.type().equals("JWT") && (authorizer.jwtIssuer() == null || authorizer.jwtIssuer().isBlank())) {
            throw ApiFailure.badRequest("A JWT authorizer needs an issuer");
        }
    }

    /** Provider ARNs must name Gatehouse pools that exist (Gatehouse cannot verify tokens of other pools). */
    private void checkPoolArn(String region, String arn) {
        Matcher matcher = POOL_ARN.matcher(arn);
        if (!matcher.matches()) {
            throw ApiFailure.badRequest("Invalid ARN specified in the request: " + arn);
        }
        UserPool pool = store.findPool(matcher.group(3)).orElse(null);
        if (pool == null || !pool.region().equals(matcher.group(1))) {
            throw ApiFailure.badRequest("Invalid Cognito user pool specified: " + arn);
        }
    }

    private static Integration withDefaults(Integration i) {
        return new Integration(required(i.type(), "type"), i.httpMethod(), i.uri(),
                i.connectionType() == null ? "INTERNET" : i.connectionType(), i.requestParameters(),
                i.requestTemplates(), i.passthroughBehavior() == null ? "WHEN_NO_MATCH" : i.passthroughBehavior(),
                i.timeoutInMillis() == 0 ? Integration.DEFAULT_TIMEOUT_MILLIS : i.timeoutInMillis(),
                i.integrationResponses());
    }

    private static void checkIntegration(Integration i) {
        if (!INTEGRATION_TYPES.contains(i.type())) {
            throw ApiFailure.badRequest("Invalid integration type specified. Valid options are "
                    + "HTTP,AWS,MOCK,HTTP_PROXY,AWS_PROXY");
        }
        if (!i.type().equals("MOCK")) {
            if (i.httpMethod() == null || i.httpMethod().isEmpty()) {
                throw ApiFailure.badRequest("Enumeration value for HttpMethod must be non-empty");
            }
            if (!HTTP_METHODS.contains(i.httpMethod())) {
                throw ApiFailure.badRequest("Invalid HttpMethod specified. Valid options are "
                        + "ANY,DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT");
            }
            if (i.uri() == null || i.uri().isEmpty()) {
                throw ApiFailure.badRequest("Invalid HTTP endpoint specified for URI");
            }
        }
        if (i.type().startsWith("HTTP") && !isHttpUrl(i.uri())) {
            throw ApiFailure.badRequest("Invalid HTTP endpoint specified for URI");
        }
        if (i.timeoutInMillis() < 50 || i.timeoutInMillis() > Integration.DEFAULT_TIMEOUT_MILLIS) {
            throw ApiFailure.badRequest("Timeout should be between 50 ms and 29000 ms");
        }
    }

    private static boolean isHttpUrl(String uri) {
        try {
            URI parsed = URI.create(uri.replaceAll("\\{[^}]*}", "x"));
            return ("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) && parsed.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isBelow(ApiDefinition definition, String candidateId, String ancestorId) {
        String current = candidateId;
        while (current != null) {
            if (current.equals(ancestorId)) {
                return true;
            }
            String id = current;
            current = definition.resources().stream().filter(r -> r.id().equals(id)).findFirst()
                    .map(ApiResource::parentId).orElse(null);
        }
        return false;
    }

    private static int parseInt(PatchOperation patch) {
        try {
            return Integer.parseInt(ApiPatches.value(patch));
        } catch (NumberFormatException e) {
            throw ApiFailure.badRequest("Invalid integer value specified for path '" + patch.path() + "'");
        }
    }

    private static String required(String value, String member) {
        if (value == null || value.isEmpty()) {
            throw ApiFailure.badRequest("Invalid null " + member + " specified");
        }
        return value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** A page of {@code items} after the item whose key is {@code position}. */
    static <T> Page<T> pageOf(List<T> items, String position, int limit, java.util.function.Function<T, String> key) {
        int start = 0;
        if (position != null) {
            start = items.size();
            for (int i = 0; i < items.size(); i++) {
                if (key.apply(items.get(i)).equals(position)) {
                    start = i + 1;
                    break;
                }
            }
        }
        int end = Math.min(items.size(), start + limit);
        List<T> page = List.copyOf(items.subList(start, end));
        return new Page<>(page, end < items.size() ? key.apply(items.get(end - 1)) : null);
    }
}
