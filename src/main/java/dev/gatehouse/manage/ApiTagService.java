package dev.gatehouse.manage;

import dev.gatehouse.model.api.ApiFailure;
import dev.gatehouse.model.api.Stage;
import dev.gatehouse.store.ApiState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TagResource, UntagResource and GetTags on the two taggable things Gatehouse keeps: REST APIs
 * ({@code arn:aws:apigateway:{region}::/restapis/{id}}) and their stages ({@code .../stages/{name}}).
 */
public final class ApiTagService {

    private static final Pattern ARN =
            Pattern.compile("^arn:aws:apigateway:([a-z0-9-]+)::/restapis/([a-z0-9]+)(?:/stages/([^/]+))?$");

    private final RestApiService apis;

    /** Shares the REST API service's store, directory and clock. */
    public ApiTagService(RestApiService apis) {
        this.apis = apis;
    }

    public Map<String, String> tags(String region, String resourceArn) {
        Target target = target(region, resourceArn);
        ApiState api = apis.api(region, target.apiId());
        return target.stageName() == null ? api.api().tags() : stage(target).tags();
    }

    public void tag(String region, String resourceArn, Map<String, String> tags) {
        edit(region, resourceArn, current -> {
            Map<String, String> merged = new HashMap<>(current);
            merged.putAll(tags);
            return merged;
        });
    }

    public void untag(String region, String resourceArn, List<String> keys) {
        edit(region, resourceArn, current -> {
            Map<String, String> remaining = new HashMap<>(current);
            keys.forEach(remaining::remove);
            return remaining;
        });
    }

    private void edit(String region, String resourceArn, UnaryOperator<Map<String, String>> change) {
        Target target = target(region, resourceArn);
        if (target.stageName() == null) {
            apis.edit(region, target.apiId(), s -> {
                Map<String, String> next = change.apply(s.api().tags());
                ApiTags.check(next);
                return new ApiState(s.api().withTags(next), s.definition());
            });
            return;
        }
        apis.api(region, target.apiId());
        Stage stage = stage(target);
        Map<String, String> next = change.apply(stage.tags());
        ApiTags.check(next);
        apis.store().updateStage(new Stage(stage.apiId(), stage.stageName(), stage.deploymentId(), stage.description(),
                stage.variables(), stage.throttle(), stage.methodThrottles(), stage.createdDate(), apis.clock().instant(),
                next));
        apis.directory().refreshApi(target.apiId());
    }

    private Stage stage(Target target) {
        return apis.store().findStage(target.apiId(), target.stageName())
                .orElseThrow(() -> ApiFailure.notFound("Invalid Stage identifier specified"));
    }

    private record Target(String apiId, String stageName) {
    }

    /** An ARN of another region names nothing the caller can see, as an unknown API. */
    private Target target(String region, String arn) {
        Matcher matcher = ARN.matcher(arn == null ? "" : arn);
        if (!matcher.matches()) {
            throw ApiFailure.badRequest("Invalid ARN specified in the request");
        }
        if (!matcher.group(1).equals(region)) {
            throw apis.notFoundApi(matcher.group(2));
        }
        return new Target(matcher.group(2), matcher.group(3));
    }
}
