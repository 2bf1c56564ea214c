package dev.gatehouse.admin.apigateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.admin.apigateway.openapi.BasePath;
import dev.gatehouse.admin.apigateway.openapi.ExportOptions;
import dev.gatehouse.admin.apigateway.openapi.ImportOptions;
import dev.gatehouse.admin.apigateway.openapi.ImportedApi;
import dev.gatehouse.admin.apigateway.openapi.OpenApiExporter;
import dev.gatehouse.admin.apigateway.openapi.OpenApiImporter;
import dev.gatehouse.manage.ApiDeploymentService;
import dev.gatehouse.manage.RestApiService;
import dev.gatehouse.model.api.ApiIds;
import dev.gatehouse.model.api.DeployedStage;
import dev.gatehouse.store.ApiState;

import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * ImportRestApi, PutRestApi and GetExport (botocore apigateway 2015-07-09): the OpenAPI document
 * travels as the raw body both ways; the translation is {@link OpenApiImporter} / {@link OpenApiExporter}.
 */
final class OpenApiRoutes {

    private static final String API = "/restapis/{restapi_id}";
    private static final Set<String> ENDPOINT_TYPES = Set.of("EDGE", "REGIONAL", "PRIVATE");
    /** Query names of ImportRestApi / PutRestApi: the model's members and the {@code parameters} map. */
    private static final Set<String> IMPORT_QUERY = Set.of("mode", "failonwarnings", "basepath", "ignore",
            "endpointConfigurationTypes");

    private final RestApiService apis;
    private final ApiDeploymentService deployments;
    private final Supplier<String> issuerBaseUrl;
    private final String domainSuffix;
    private final OpenApiImporter importer = new OpenApiImporter();
    private final OpenApiExporter exporter = new OpenApiExporter();

    /**
     * @param issuerBaseUrl gives the scheme and port of the stages' invoke URLs (the gateway listens where the issuer does)
     * @param domainSuffix  invoke hosts are {@code {apiId}.execute-api.{region}.{domainSuffix}} (DESIGN §1)
     */
    OpenApiRoutes(RestApiService apis, ApiDeploymentService deployments, Supplier<String> issuerBaseUrl, String domainSuffix) {
        this.apis = apis;
        this.deployments = deployments;
        this.issuerBaseUrl = issuerBaseUrl;
        this.domainSuffix = domainSuffix;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.withRawBody("ImportRestApi", "POST", "/restapis?mode=import", 201, this::importApi),
                ApiRoute.withRawBody("PutRestApi", "PUT", API, 200, this::putApi),
                ApiRoute.replying("GetExport", "GET", API + "/stages/{stage_name}/exports/{export_type}", 200, this::export));
    }

    /** API Gateway ImportRestApi: a new API from the document; warnings come back on the RestApi. */
    private ObjectNode importApi(ApiCall c) {
        String apiId = ApiIds.newId();
        ImportedApi imported = importer.read(document(c),
                parameters(c).applyTo(ImportOptions.newApi(apiId, failOnWarnings(c), ApiIds::newId)));
        ApiState state = apis.importApi(c.region(), apiId, new RestApiService.ImportedDefinition(imported.name(),
                imported.description(), imported.version(), imported.definition()));
        return withImport(ApiGatewayJson.restApi(state.api()), imported);
    }

    /** API Gateway PutRestApi: {@code mode=merge} (the default) or {@code overwrite} into the API's definition. */
    private ObjectNode putApi(ApiCall c) {
        String mode = c.queryValue("mode");
        ImportOptions.Mode parsed = mode == null ? ImportOptions.Mode.MERGE : parseMode(mode);
        boolean failOnWarnings = failOnWarnings(c);
        byte[] document = document(c);
        ImportParameters parameters = parameters(c);
        AtomicReference<ImportedApi> result = new AtomicReference<>();
        ApiState state = apis.putDefinition(c.region(), c.param("restapi_id"), current -> {
            ImportedApi imported = importer.read(document,
                    parameters.applyTo(ImportOptions.into(current, parsed, failOnWarnings, ApiIds::newId)));
            result.set(imported);
            return new RestApiService.ImportedDefinition(imported.name(), imported.description(), imported.version(),
                    imported.definition());
        });
        return withImport(ApiGatewayJson.restApi(state.api()), result.get());
    }

    /** API Gateway GetExport: the definition the stage serves, as OpenAPI 3 or Swagger 2, JSON or YAML. */
    private ApiReply export(ApiCall c) {
        String exportType = c.param("export_type").toLowerCase(Locale.ROOT);
        if (!exportType.equals("oas30") && !exportType.equals("swagger")) {
            throw ApiGatewayException.badRequest("Invalid export type specified. Valid options are oas30,swagger");
        }
        String apiId = c.param("restapi_id");
        String stageName = c.param("stage_name");
        DeployedStage served = deployments.deployedStage(c.region(), apiId, stageName);
        // info.version: the API's version when it has one, else (as API Gateway) the deployment's creation time.
        String version = apis.api(c.region(), apiId).api().version();
        if (version == null) {
            version = DateTimeFormatter.ISO_INSTANT.format(deployments.deployment(c.region(), apiId,
                    served.stage().deploymentId()).createdDate().truncatedTo(ChronoUnit.SECONDS));
        }
        ExportOptions.Syntax syntax = ExportOptions.Syntax.fromAccept(c.header("Accept"));
        ExportOptions options = ExportOptions.of(ExportOptions.Type.parse(exportType), syntax, c.queryValue("extensions"),
                invokeUrl(apiId, c.region(), stageName));
        byte[] document = exporter.export(served.definition(), served.definition().name(), version, options);
        String extension = syntax == ExportOptions.Syntax.YAML ? "yaml" : "json";
        return ApiReply.bytes(document, "application/" + extension, Map.of("Content-Disposition",
                "attachment; filename=\"" + apiId + "-" + stageName + "-" + exportType + "." + extension + "\""));
    }

    /** {@code http://{apiId}.execute-api.{region}.{domainSuffix}:{port}/{stage}}, scheme and port those of the issuer. */
    private String invokeUrl(String apiId, String region, String stageName) {
        URI base = URI.create(issuerBaseUrl.get());
        String port = base.getPort() < 0 ? "" : ":" + base.getPort();
        return base.getScheme() + "://" + apiId + ".execute-api." + region + "." + domainSuffix + port + "/" + stageName;
    }

    private static byte[] document(ApiCall c) {
        byte[] body = c.rawBody();
        if (body.length == 0) {
            throw ApiGatewayException.badRequest("Invalid OpenAPI input: the request body is empty");
        }
        return body;
    }

    /**
     * ImportRestApi / PutRestApi {@code parameters}: {@code basepath} (ignore|prepend|split),
     * {@code ignore=documentation}, and {@code endpointConfigurationTypes} (EDGE|REGIONAL|PRIVATE:
     * accepted, not kept: Gatehouse has one endpoint). Any other parameter is refused, not ignored silently.
     */
    private static ImportParameters parameters(ApiCall c) {
        BasePath basePath;
        try {
            basePath = BasePath.parse(c.queryValue("basepath"));
        } catch (IllegalArgumentException e) {
            throw ApiGatewayException.badRequest(e.getMessage());
        }
        String ignore = c.queryValue("ignore");
        if (ignore != null && !ignore.equals("documentation")) {
            throw ApiGatewayException.badRequest("Invalid ignore parameter value: " + ignore
                    + ". Valid options are documentation");
        }
        String endpointTypes = c.queryValue("endpointConfigurationTypes");
        if (endpointTypes != null && !ENDPOINT_TYPES.contains(endpointTypes)) {
            throw ApiGatewayException.badRequest("Invalid endpointConfigurationTypes parameter value: " + endpointTypes
                    + ". Valid options are EDGE,REGIONAL,PRIVATE");
        }
        for (String name : c.query().keySet()) {
            if (!IMPORT_QUERY.contains(name)) {
                throw ApiGatewayException.badRequest("Invalid import parameter: " + name
                        + ". Valid parameters are basepath,ignore,endpointConfigurationTypes");
            }
        }
        return new ImportParameters(basePath, ignore != null);
    }

    /** The import {@code parameters} Gatehouse acts on. */
    private record ImportParameters(BasePath basePath, boolean ignoreDocumentation) {
        ImportOptions applyTo(ImportOptions options) {
            return options.with(basePath, ignoreDocumentation);
        }
    }

    private static boolean failOnWarnings(ApiCall c) {
        String value = c.queryValue("failonwarnings");
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiGatewayException.badRequest("Invalid value for failonwarnings: expected true or false");
    }

    private static ImportOptions.Mode parseMode(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "merge" -> ImportOptions.Mode.MERGE;
            case "overwrite" -> ImportOptions.Mode.OVERWRITE;
            default -> throw ApiGatewayException.badRequest("Invalid mode specified. Valid options are merge,overwrite");
        };
    }

    /** The RestApi output of an import also carries the import's {@code warnings}. */
    private static ObjectNode withImport(ObjectNode restApi, ImportedApi imported) {
        if (!imported.warnings().isEmpty()) {
            ArrayNode warnings = restApi.putArray("warnings");
            imported.warnings().forEach(warnings::add);
        }
        return restApi;
    }
}
