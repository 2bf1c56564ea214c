package dev.gatehouse.store.jdbc;

import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.DeployedStage;
import dev.gatehouse.model.api.Deployment;
import dev.gatehouse.model.api.RestApi;
import dev.gatehouse.model.api.Stage;
import dev.gatehouse.store.ApiJson;
import dev.gatehouse.store.ApiState;
import dev.gatehouse.store.ApiStore;
import dev.gatehouse.store.Page;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** {@link ApiStore} on JDBC; schema in db/migration/V7__rest_apis.sql and V8__rest_api_version_and_stage_tags.sql. */
public final class JdbcApiStore implements ApiStore {

    private static final String API_COLUMNS = "id, region, name, description, created_at, root_resource_id, tags, definition, api_version";
    private static final String INSERT_API = "INSERT INTO rest_api (" + API_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_API = "SELECT " + API_COLUMNS + " FROM rest_api WHERE id = ?";
    private static final String LOCK_API = SELECT_API + " FOR UPDATE";
    // Ordered by the whole (region, id) index so H2 stops after one page (see JdbcStore.LIST_POOLS).
    private static final String LIST_APIS = "SELECT " + API_COLUMNS
            + " FROM rest_api WHERE region = ? AND id > ? ORDER BY region, id LIMIT ?";
    private static final String UPDATE_API = """
            UPDATE rest_api SET name = ?, description = ?, tags = ?, definition = ?, api_version = ? WHERE id = ?""";
    private static final String DELETE_API = "DELETE FROM rest_api WHERE id = ?";
    private static final String ALL_API_IDS = "SELECT id FROM rest_api ORDER BY id";
    private static final String REGION_OF_API = "SELECT region FROM rest_api WHERE id = ?";

    private static final String DEPLOYMENT_COLUMNS = "api_id, id, description, created_at";
    private static final String INSERT_DEPLOYMENT = """
            INSERT INTO api_deployment (api_id, id, description, created_at, snapshot) VALUES (?, ?, ?, ?, ?)""";
    private static final String SELECT_DEPLOYMENT = "SELECT " + DEPLOYMENT_COLUMNS
            + " FROM api_deployment WHERE api_id = ? AND id = ?";
    private static final String DEPLOYMENTS_OF_API = "SELECT " + DEPLOYMENT_COLUMNS
            + " FROM api_deployment WHERE api_id = ? ORDER BY created_at, id";
    private static final String DELETE_DEPLOYMENT = "DELETE FROM api_deployment WHERE api_id = ? AND id = ?";
    private static final String DELETE_DEPLOYMENTS = "DELETE FROM api_deployment WHERE api_id = ?";

    private static final String STAGE_COLUMNS = """
            api_id, stage_name, deployment_id, description, variables, throttle, method_throttles, created_at, updated_at, tags""";
    private static final String INSERT_STAGE = "INSERT INTO api_stage (" + STAGE_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_STAGE = "SELECT " + STAGE_COLUMNS + " FROM api_stage WHERE api_id = ? AND stage_name = ?";
    private static final String STAGES_OF_API = "SELECT " + STAGE_COLUMNS + " FROM api_stage WHERE api_id = ? ORDER BY stage_name";
    private static final String UPDATE_STAGE = """
            UPDATE api_stage SET deployment_id = ?, description = ?, variables = ?, throttle = ?, method_throttles = ?,
                updated_at = ?, tags = ?
            WHERE api_id = ? AND stage_name = ?""";
    private static final String DELETE_STAGE = "DELETE FROM api_stage WHERE api_id = ? AND stage_name = ?";
    private static final String DELETE_STAGES = "DELETE FROM api_stage WHERE api_id = ?";
    private static final String SNAPSHOTS_OF_STAGES = """
            SELECT s.stage_name, d.snapshot FROM api_stage s
            JOIN api_deployment d ON d.api_id = s.api_id AND d.id = s.deployment_id
            WHERE s.api_id = ? ORDER BY s.stage_name""";


    private final Jdbc jdbc;
    private final Clock clock;

    public JdbcApiStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    @Override
    public void insertApi(ApiState state) {
        RestApi api = state.api();
        updateLogged(api.id(), INSERT_API, api.id(), api.region(), api.name(), api.description(),
                api.createdDate().toEpochMilli(), api.rootResourceId(), ApiJson.write(api.tags()), ApiJson.write(state.definition()),
                api.version());
    }

    @Override
    public Optional<ApiState> findApi(String apiId) {
        return jdbc.read(c -> Jdbc.queryOne(c, SELECT_API, JdbcApiStore::apiState, apiId));
    }

    @Override
    public Page<RestApi> listApis(String region, String afterId, int limit) {
        List<RestApi> rows = jdbc.read(c -> Jdbc.query(c, LIST_APIS, r -> apiState(r).api(), region,
                afterId == null ? "" : afterId, limit + 1));
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<RestApi> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), items.get(limit - 1).id());
    }

    @Override
    public Optional<ApiState> editApi(String apiId, UnaryOperator<ApiState> edit) {
        return jdbc.inTransaction(c -> {
            Optional<ApiState> current = Jdbc.queryOne(c, LOCK_API, JdbcApiStore::apiState, apiId);
            if (current.isEmpty()) {
                return Optional.<ApiState>empty();
            }
            ApiState next = edit.apply(current.get());
            RestApi api = next.api();
            Jdbc.update(c, UPDATE_API, api.name(), api.description(), ApiJson.write(api.tags()),
                    ApiJson.write(next.definition()), api.version(), apiId);
            logChange(c, apiId);
            return Optional.of(next);
        });
    }

    @Override
    public void deleteApi(String apiId) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, DELETE_STAGES, apiId);
            Jdbc.update(c, DELETE_DEPLOYMENTS, apiId);
            Jdbc.update(c, DELETE_API, apiId);
            return logChange(c, apiId);
        });
    }

    @Override
    public void insertDeployment(Deployment deployment, ApiDefinition snapshot, Stage stage) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, INSERT_DEPLOYMENT, deployment.apiId(), deployment.id(), deployment.description(),
                    deployment.createdDate().toEpochMilli(), ApiJson.write(snapshot));
            if (stage != null) {
                if (Jdbc.update(c, UPDATE_STAGE, stageUpdateParams(stage)) == 0) {
                    Jdbc.update(c, INSERT_STAGE, stageInsertParams(stage));
                }
            }
            return logChange(c, deployment.apiId());
        });
    }

    @Override
    public Optional<Deployment> findDeployment(String apiId, String deploymentId) {
        return jdbc.read(c -> Jdbc.queryOne(c, SELECT_DEPLOYMENT, JdbcApiStore::deployment, apiId, deploymentId));
    }

    @Override
    public List<Deployment> deploymentsOf(String apiId) {
        return jdbc.read(c -> Jdbc.query(c, DEPLOYMENTS_OF_API, JdbcApiStore::deployment, apiId));
    }

    @Override
    public void deleteDeployment(String apiId, String deploymentId) {
        updateLogged(apiId, DELETE_DEPLOYMENT, apiId, deploymentId);
    }

    @Override
    public void insertStage(Stage stage) {
        updateLogged(stage.apiId(), INSERT_STAGE, stageInsertParams(stage));
    }

    @Override
    public Optional<Stage> findStage(String apiId, String stageName) {
        return jdbc.read(c -> Jdbc.queryOne(c, SELECT_STAGE, JdbcApiStore::stage, apiId, stageName));
    }

    @Override
    public List<Stage> stagesOf(String apiId) {
        return jdbc.read(c -> Jdbc.query(c, STAGES_OF_API, JdbcApiStore::stage, apiId));
    }

    @Override
    public void updateStage(Stage stage) {
        updateLogged(stage.apiId(), UPDATE_STAGE, stageUpdateParams(stage));
    }

    @Override
    public void deleteStage(String apiId, String stageName) {
        updateLogged(apiId, DELETE_STAGE, apiId, stageName);
    }

    @Override
    public List<DeployedStage> deployedStagesOf(String apiId) {
        return jdbc.read(c -> {
            // The region only: the API's working definition (parsed by SELECT_API) is not what is deployed.
            Optional<String> region = Jdbc.queryOne(c, REGION_OF_API, r -> r.getString(1), apiId);
            if (region.isEmpty()) {
                return List.<DeployedStage>of();
            }
            List<Stage> stages = Jdbc.query(c, STAGES_OF_API, JdbcApiStore::stage, apiId);
            List<String[]> snapshots = Jdbc.query(c, SNAPSHOTS_OF_STAGES,
                    r -> new String[] {r.getString(1), r.getString(2)}, apiId);
            List<DeployedStage> out = new ArrayList<>();
            for (Stage stage : stages) {
                for (String[] snapshot : snapshots) {
                    if (snapshot[0].equals(stage.stageName())) {
                        out.add(new DeployedStage(region.get(), stage, ApiJson.definition(snapshot[1])));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<String> allApiIds() {
        return jdbc.read(c -> Jdbc.query(c, ALL_API_IDS, r -> r.getString(1)));
    }

    private void updateLogged(String apiId, String sql, Object... params) {
        ChangeLog.updateLogged(jdbc, clock, ApiStore.changeKey(apiId), sql, params);
    }

    private long logChange(Connection c, String apiId) throws SQLException {
        return ChangeLog.append(c, ApiStore.changeKey(apiId), clock.millis());
    }

    private static Object[] stageInsertParams(Stage s) {
        return new Object[] {s.apiId(), s.stageName(), s.deploymentId(), s.description(), ApiJson.write(s.variables()),
                ApiJson.write(s.throttle()), ApiJson.write(s.methodThrottles()), s.createdDate().toEpochMilli(),
                s.lastUpdatedDate().toEpochMilli(), ApiJson.write(s.tags())};
    }

    private static Object[] stageUpdateParams(Stage s) {
        return new Object[] {s.deploymentId(), s.description(), ApiJson.write(s.variables()), ApiJson.write(s.throttle()),
                ApiJson.write(s.methodThrottles()), s.lastUpdatedDate().toEpochMilli(), ApiJson.write(s.tags()), s.apiId(),
                s.stageName()};
    }

    private static ApiState apiState(ResultSet r) throws SQLException {
        RestApi api = new RestApi(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(9),
                Instant.ofEpochMilli(r.getLong(5)), r.getString(6), ApiJson.stringMap(r.getString(7)));
        return new ApiState(api, ApiJson.definition(r.getString(8)));
    }

    private static Deployment deployment(ResultSet r) throws SQLException {
        return new Deployment(r.getString(2), r.getString(1), r.getString(3), Instant.ofEpochMilli(r.getLong(4)));
    }

    private static Stage stage(ResultSet r) throws SQLException {
        return new Stage(r.getString(1), r.getString(2), r.getString(3), r.getString(4), ApiJson.stringMap(r.getString(5)),
                ApiJson.throttle(r.getString(6)), ApiJson.throttles(r.getString(7)), Instant.ofEpochMilli(r.getLong(8)),
                Instant.ofEpochMilli(r.getLong(9)), ApiJson.stringMap(r.getString(10)));
    }
}
