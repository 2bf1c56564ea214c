package dev.gatehouse.manage;

import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.ApiFailure;
import dev.gatehouse.model.api.ApiIds;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.DeployedStage;
import dev.gatehouse.model.api.Deployment;
import dev.gatehouse.model.api.PatchOperation;
import dev.gatehouse.model.api.Stage;
import dev.gatehouse.model.api.ThrottleSettings;
import dev.gatehouse.store.ApiState;
import dev.gatehouse.store.ApiStore;
import dev.gatehouse.store.DirectoryHolder;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Deployments and stages of REST APIs: a deployment freezes the API's current definition; a stage
 * serves one deployment. After each write the directory swaps the API's deployed stages as a whole.
 */
public final class ApiDeploymentService {

    /** API Gateway's limit, and the api_stage.stage_name column's. */
    private static final int MAX_STAGE_NAME_LENGTH = 128;
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,128}$");

    private final ApiStore apis;
    private final RestApiService restApis;
    private final DirectoryHolder directory;
    private final Clock clock;

    public ApiDeploymentService(ApiStore apis, RestApiService restApis, DirectoryHolder directory, Clock clock) {
        this.apis = apis;
        this.restApis = restApis;
        this.directory = directory;
        this.clock = clock;
    }

    /** Freezes the current definition; with {@code stageName} also points that stage (created if absent) at it. */
    public Deployment createDeployment(String region, String apiId, String description, String stageName,
                                       String stageDescription, Map<String, String> variables) {
        ApiState state = restApis.api(region, apiId);
        ApiDefinition snapshot = state.definition();
        checkDeployable(snapshot);
        Instant now = clock.instant();
        Deployment deployment = new Deployment(ApiIds.newId(), apiId, description, now);
        Stage stage = null;
        if (stageName != null) {
            checkStageName(stageName);
            Stage existing = apis.findStage(apiId, stageName).orElse(null);
            stage = existing == null
                    ? new Stage(apiId, stageName, deployment.id(), stageDescription, variables == null ? Map.of() : variables,
                    null, Map.of(), now, now)
                    : new Stage(apiId, stageName, deployment.id(),
                    stageDescription != null ? stageDescription : existing.description(),
                    variables != null ? variables : existing.variables(), existing.throttle(),
                    existing.methodThrottles(), existing.createdDate(), now, existing.tags());
        }
        apis.insertDeployment(deployment, snapshot, stage);
        directory.refreshApi(apiId);
        return deployment;
    }

    public Deployment deployment(String region, String apiId, String deploymentId) {
        restApis.api(region, apiId);
        return apis.findDeployment(apiId, deploymentId)
                .orElseThrow(() -> ApiFailure.notFound("Invalid Deployment identifier specified"));
    }

    public List<Deployment> deployments(String region, String apiId) {
        restApis.api(region, apiId);
        return apis.deploymentsOf(apiId);
    }

    /** API Gateway refuses to delete a deployment a stage still serves. */
    public void deleteDeployment(String region, String apiId, String deploymentId) {
        deployment(region, apiId, deploymentId);
        if (apis.stagesOf(apiId).stream().anyMatch(s -> s.deploymentId().equals(deploymentId))) {
            throw ApiFailure.badRequest("Active stages pointing to this deployment must be moved or deleted");
        }
        apis.deleteDeployment(apiId, deploymentId);
        directory.refreshApi(apiId);
    }

    public Stage createStage(String region, String apiId, String stageName, String deploymentId, String description,
                             Map<String, String> variables, Map<String, String> tags) {
        restApis.api(region, apiId);
        if (stageName == null) {
            throw ApiFailure.badRequest("Invalid null stageName specified");
        }
        checkStageName(stageName);
        if (deploymentId == null) {
            throw ApiFailure.badRequest("Invalid null deploymentId specified");
        }
        apis.findDeployment(apiId, deploymentId)
                .orElseThrow(() -> ApiFailure.badRequest("Invalid deployment identifier specified"));
        if (apis.findStage(apiId, stageName).isPresent()) {
            throw ApiFailure.conflict("Stage already exists");
        }
        Instant now = clock.instant();
        Map<String, String> stageTags = tags == null ? Map.of() : tags;
        ApiTags.check(stageTags);
        Stage stage = new Stage(apiId, stageName, deploymentId, description, variables == null ? Map.of() : variables,
                null, Map.of(), now, now, stageTags);
        apis.insertStage(stage);
        directory.refreshApi(apiId);
        return stage;
    }

    public Stage stage(String region, String apiId, String stageName) {
        restApis.api(region, apiId);
        return apis.findStage(apiId, stageName)
                .orElseThrow(() -> ApiFailure.notFound("Invalid Stage identifier specified"));
    }

    /** What the stage serves: its deployment's frozen definition (GetExport exports this, not the draft). */
    public DeployedStage deployedStage(String region, String apiId, String stageName) {
        restApis.api(region, apiId);
        return apis.deployedStagesOf(apiId).stream().filter(d -> d.stage().stageName().equals(stageName)).findFirst()
                .orElseThrow(() -> ApiFailure.notFound("Invalid Stage identifier specified"));
    }

    public List<Stage> stages(String region, String apiId) {
        restApis.api(region, apiId);
        return apis.stagesOf(apiId);
    }

    /**
     * Patch paths: {@code /deploymentId}, {@code /description}, {@code /variables/{name}}, and
     * {@code /{resourcePath}/{METHOD}/throttling/rateLimit|burstLimit} ({@code /* /*} is the whole stage).
     */
    public Stage updateStage(String region, String apiId, String stageName, List<PatchOperation> patches) {
        Stage s = stage(region, apiId, stageName);
        String deploymentId = s.deploymentId();
        String description = s.description();
        Map<String, String> variables = new HashMap<>(s.variables());
        ThrottleSettings throttle = s.throttle();
        Map<String, ThrottleSettings> methodThrottles = new HashMap<>(s.methodThrottles());
        for (PatchOperation patch : patches) {
            ApiPatches.checkOp(patch);
            String path = patch.path();
            if (path.startsWith("/variables/")) {
                String name = path.substring("/variables/".length());
                if (patch.op().equals("remove")) {
                    variables.remove(name);
                } else {
                    ApiPatches.requireOp(patch, "add", "replace");
                    variables.put(name, ApiPatches.value(patch));
                }
            } else if (path.endsWith("/throttling/rateLimit") || path.endsWith("/throttling/burstLimit")) {
                ApiPatches.requireOp(patch, "replace");
                String key = methodKey(patch);
                ThrottleSettings current = key.equals("*/*") ? throttle : methodThrottles.get(key);
                ThrottleSettings next = withLimit(current, patch);
                if (key.equals("*/*")) {
                    throttle = next;
                } else {
                    methodThrottles.put(key, next);
                }
            } else {
                ApiPatches.requireOp(patch, "replace");
                switch (path) {
                    case "/deploymentId" -> {
                        deploymentId = ApiPatches.value(patch);
                        String id = deploymentId;
                        apis.findDeployment(apiId, id)
                                .orElseThrow(() -> ApiFailure.badRequest("Invalid deployment identifier specified"));
                    }
                    case "/description" -> description = patch.value();
                    default -> throw ApiPatches.invalidPath(patch);
                }
            }
        }
        Stage updated = new Stage(apiId, stageName, deploymentId, description, variables, throttle, methodThrottles,
                s.createdDate(), clock.instant(), s.tags());
        apis.updateStage(updated);
        directory.refreshApi(apiId);
        return updated;
    }

    public void deleteStage(String region, String apiId, String stageName) {
        stage(region, apiId, stageName);
        apis.deleteStage(apiId, stageName);
        directory.refreshApi(apiId);
    }

    /** API Gateway: a deployment needs at least one method, and every method an integration. */
    private static void checkDeployable(ApiDefinition definition) {
        List<ApiMethod> methods = definition.resources().stream().flatMap(r -> r.methods().values().stream()).toList();
        if (methods.isEmpty()) {
            throw ApiFailure.badRequest("The REST API doesn't contain any methods");
        }
        if (methods.stream().anyMatch(m -> m.integration() == null)) {
            throw ApiFailure.badRequest("No integration defined for method");
        }
    }

    private static void checkStageName(String stageName) {
        if (stageName.length() > MAX_STAGE_NAME_LENGTH) {
            throw ApiFailure.badRequest("Stage name must be at most " + MAX_STAGE_NAME_LENGTH + " characters");
        }
        if (!STAGE_NAME.matcher(stageName).matches()) {
            throw ApiFailure.badRequest("Stage name only allows a-zA-Z0-9_-");
        }
    }

    /** {@code /~1items/GET/throttling/rateLimit} → {@code /items/GET}; {@code /* /*}/... → {@code * /*}. */
    private static String methodKey(PatchOperation patch) {
        String path = patch.path();
        String head = path.substring(1, path.lastIndexOf("/throttling/"));
        int slash = head.lastIndexOf('/');
        if (slash <= 0) {
            throw ApiPatches.invalidPath(patch);
        }
        String resourcePath = ApiPatches.unescape(head.substring(0, slash));
        String method = head.substring(slash + 1);
        if (!method.equals("*") && !RestApiService.HTTP_METHODS.contains(method)) {
            throw ApiPatches.invalidPath(patch);
        }
        return resourcePath + "/" + method;
    }

    private static ThrottleSettings withLimit(ThrottleSettings current, PatchOperation patch) {
        Double rate = current == null ? null : current.rateLimit();
        Integer burst = current == null ? null : current.burstLimit();
        try {
            if (patch.path().endsWith("rateLimit")) {
                rate = Double.parseDouble(ApiPatches.value(patch));
            } else {
                burst = Integer.parseInt(ApiPatches.value(patch));
            }
        } catch (NumberFormatException e) {
            throw ApiFailure.badRequest("Invalid value specified for path '" + patch.path() + "'");
        }
        if (rate != null && rate < 0 || burst != null && burst < 0) {
            throw ApiFailure.badRequest("Throttling limits must not be negative");
        }
        return new ThrottleSettings(rate, burst);
    }
}
