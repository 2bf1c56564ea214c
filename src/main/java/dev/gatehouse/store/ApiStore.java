package dev.gatehouse.store;

import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.DeployedStage;
import dev.gatehouse.model.api.Deployment;
import dev.gatehouse.model.api.RestApi;
import dev.gatehouse.model.api.Stage;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The source of truth for API Gateway REST APIs. Every write is one transaction that appends a
 * change-log row naming {@code api:{apiId}} ({@link #changeKey}), so every node refreshes the
 * stages it serves. Methods block: call them only from worker threads.
 */
public interface ApiStore {

    String CHANGE_PREFIX = "api:";

    static String changeKey(String apiId) {
        return CHANGE_PREFIX + apiId;
    }

    void insertApi(ApiState state);

    Optional<ApiState> findApi(String apiId);

    Page<RestApi> listApis(String region, String afterId, int limit);

    /**
     * Reads the API under its row lock, applies {@code edit} and writes the result, in one
     * transaction; an exception from {@code edit} rolls back. Empty when the API does not exist.
     */
    Optional<ApiState> editApi(String apiId, UnaryOperator<ApiState> edit);

    /** Deletes the API with its stages and deployments. */
    void deleteApi(String apiId);

    /** Stores a deployment and, when {@code stage} is not null, creates or replaces that stage to serve it. */
    void insertDeployment(Deployment deployment, ApiDefinition snapshot, Stage stage);

    Optional<Deployment> findDeployment(String apiId, String deploymentId);

    List<Deployment> deploymentsOf(String apiId);

    void deleteDeployment(String apiId, String deploymentId);

    void insertStage(Stage stage);

    Optional<Stage> findStage(String apiId, String stageName);

    List<Stage> stagesOf(String apiId);

    void updateStage(Stage stage);

    void deleteStage(String apiId, String stageName);

    /** Every stage of the API with the frozen definition of its deployment (for the directory). */
    List<DeployedStage> deployedStagesOf(String apiId);

    List<String> allApiIds();
}
