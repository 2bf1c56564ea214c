package dev.gatehouse.server;

import dev.gatehouse.admin.AdminCredentials;
import dev.gatehouse.admin.cognito.CognitoAction;
import dev.gatehouse.admin.cognito.CognitoEndpoint;
import dev.gatehouse.admin.cognito.SignedCallAuthenticator;
import dev.gatehouse.admin.cognito.ModelInputReader;
import dev.gatehouse.admin.cognito.GatehouseInputReader;
import dev.gatehouse.admin.awsjson.ServiceModel;
import dev.gatehouse.admin.cognito.TokenActions;
import dev.gatehouse.admin.cognito.PoolActions;
import dev.gatehouse.admin.cognito.ClientActions;
import dev.gatehouse.admin.cognito.RevocationActions;
import dev.gatehouse.admin.cognito.KeyActions;
import dev.gatehouse.manage.KeyRotationService;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.runtime.Blocking;
import dev.gatehouse.runtime.Lazy;
import dev.gatehouse.runtime.NativeHeapTrim;
import dev.gatehouse.keys.Sealer;
import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.manage.ManageContext;
import dev.gatehouse.observe.AuditLog;
import dev.gatehouse.observe.JsonLinesAuditLog;
import dev.gatehouse.observe.JsonLinesAccessLog;
import dev.gatehouse.gateway.Gateway;
import dev.gatehouse.oauth.OAuthRoutes;
import dev.gatehouse.admin.cognito.PaginationTokens;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.jdbc.JdbcStore;
import dev.gatehouse.token.AccessTokenFactory;
import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.token.Revocations;
import dev.gatehouse.token.ClientAuthenticator;
import dev.gatehouse.token.ScopeResolver;
import dev.gatehouse.token.TokenIssuer;
import dev.gatehouse.token.throttle.ClientThrottle;
import dev.gatehouse.net.DirectRequests;
import dev.gatehouse.net.ClientAddress;
import dev.gatehouse.admin.cognito.ThrottleActions;
import dev.gatehouse.admin.apigateway.ApiGatewayEndpoint;
import dev.gatehouse.admin.apigateway.ApiGatewayRoutes;
import dev.gatehouse.gateway.StageLookup;
import dev.gatehouse.gateway.proxy.BackendTrust;
import dev.gatehouse.manage.ApiDeploymentService;
import dev.gatehouse.manage.RestApiService;
import dev.gatehouse.store.ApiStore;
import dev.gatehouse.store.jdbc.JdbcApiStore;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;

/**
 * The composition root: the one place that calls {@code new} on the real implementations and
 * wires them together (STYLE habit 5). Nothing else knows which store, sealer or clock is used.
 */
public final class Components implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Components.class);
    /** AWS JSON requests are small; Cognito's own limit is far below this. */
    static final int MANAGEMENT_BODY_LIMIT = 1024 * 1024;
    static final String CHANGE_POLL_TIMER = "change-poll";
    /** Revoked jtis are kept until their tokens expire (at most a day), then dropped. */
    static final long REVOCATION_PURGE_MILLIS = 10 * 60 * 1000;
    /** How often every node checks for pools due for automatic key rotation. */
    static final long KEY_ROTATION_CHECK_MILLIS = 60_000;

    private final GatehouseConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final Transport transport;
    private final BackendTrust backendTrust;
    private final Database database;
    private final Store store;
    private final ApiStore apiStore;
    private final DirectoryHolder directory;
    private final Blocking blocking;
    private final SigningKeys signingKeys = new SigningKeys();
    private final AdminCredentials adminCredentials;
    private final String adminAccessKeyId;
    private final Optional<Path> adminCredentialsFile;
    private final PaginationTokens paginationTokens;
    private final JsonLinesAuditLog auditLog;
    private final JsonLinesAccessLog accessLog;
    private Gateway gateway;
    private HealthEndpoints health;
    private Lazy<CognitoEndpoint> cognito;
    private Lazy<ApiGatewayEndpoint> apiGateway;
    private final TokenIssuer tokenIssuer;
    private final ClientAddress clientAddress;
    private final KeyRotationService keyRotation;
    private final Router router;
    private volatile String issuerBaseUrl;
    private long pollTimer = -1;
    private long keyRotationTimer = -1;
    private long trimTimer = -1;

    private Components(GatehouseConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        // Before anything is opened or written: a transport named but not available here, or an unreadable CA
        // file, fails the start at once.
        this.transport = Transports.resolve(config.transport());
        this.backendTrust = config.backendCaFile() == null ? BackendTrust.jdkRoots()
                : BackendTrust.withCertificatesFrom(config.backendCaFile());
        MasterKey masterKey = masterKey(config);
        this.database = Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword(), config.dbSchema());
        LOG.info("Database schema: {}", database.migrated() ? "migrated" : "current, no migration needed");
        try {
            Sealer sealer = new Sealer(masterKey);
            this.store = new JdbcStore(database.dataSource(), sealer, clock);
            MasterKeyCheck.verify(store, sealer, masterKey);
            AdminBootstrap.Result admin = AdminBootstrap.resolve(config, store);
            this.adminCredentials = admin.credentials();
            this.adminAccessKeyId = admin.accessKeyId();
            this.adminCredentialsFile = admin.credentialsFile();
            this.apiStore = new JdbcApiStore(database.dataSource(), clock);
            this.directory = new DirectoryHolder(store, apiStore);
            directory.loadAll();
        } catch (RuntimeException | IOException e) {
            database.close();
            throw e;
        }
        this.paginationTokens = new PaginationTokens(masterKey.derive("pagination-token-mac"));
        this.auditLog = new JsonLinesAuditLog(config.dataDir());
        this.accessLog = new JsonLinesAccessLog(config.dataDir());
        this.vertx = Transports.vertx(transport);
        LOG.info("Network transport: {}", transport.name());
        this.blocking = new Blocking(vertx);
        this.issuerBaseUrl = config.issuerBaseUrl();
        this.clientAddress = new ClientAddress(config.abuse().trustedProxies());
        this.tokenIssuer = new TokenIssuer(directory, new ClientAuthenticator(), new ScopeResolver(),
                new AccessTokenFactory(signingKeys, this::issuerBaseUrl),
                ClientThrottle.inMemory(config.abuse(), Ticker.systemTicker(), auditLog, clock), clock);
        this.keyRotation = new KeyRotationService(store, directory, clock, config.keyPrePublication(),
                Duration.ofDays(1), auditLog);
        this.router = buildRouter();
    }

    public static Components create(GatehouseConfig config) {
        try {
            return new Components(config, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MasterKey masterKey(GatehouseConfig config) throws IOException {
        if (config.masterKey() != null) {
            return MasterKey.fromBase64(config.masterKey());
        }
        if (!config.embeddedDatabase()) {
            throw new IllegalArgumentException("GATEHOUSE_MASTER_KEY must be set when the database is shared "
                    + "(--db-url): every node needs the same master key. Create one with: "
                    + "head -c 32 /dev/urandom | base64");
        }
        return MasterKey.fromFile(config.dataDir());
    }

    private Router buildRouter() {
        Router router = Router.router(vertx);
        // Execute-api hosts and /restapis/{id}/{stage}/_user_request_/ never reach the router: the listener hands
        // them to the gateway directly (GatehouseServer, DirectRequests).
        gateway = new Gateway(vertx, directory, stageLookup(), this::issuerBaseUrl, clock, clientAddress,
                config.domainSuffix(), accessLog, backendTrust);
        health = new HealthEndpoints(store, blocking);
        OAuthRoutes.mount(router, tokenIssuer, directory, this::issuerBaseUrl, config.domainSuffix(), clock,
                config.keyPrePublication(), clientAddress);
        Revocations revocations = new Revocations(store, directory, clock);
        OAuthRoutes.mountRevocation(router, new AccessTokenVerifier(directory, this::issuerBaseUrl, clock), revocations,
                directory, blocking, auditLog, config.domainSuffix(), clock);
        vertx.setPeriodic(REVOCATION_PURGE_MILLIS, id -> blocking.run(revocations::purgeExpired)
                .onFailure(e -> LOG.warn("Could not purge expired revocations: {}", e.getMessage())));
        // The management APIs are built by their first request: their ~80 classes are no part of being ready (issue 5).
        Lazy<CognitoEndpoint> cognito = Lazy.of(this::cognitoEndpoint);
        this.cognito = cognito;
        router.post("/")
                .handler(BodyHandler.create(false).setBodyLimit(MANAGEMENT_BODY_LIMIT))
                .handler(ctx -> cognito.get().handle(ctx))
                .failureHandler(ctx -> cognito.get().handleRouteFailure(ctx));
        mountApiGateway(router);
        router.route().last().handler(ctx -> ctx.response().setStatusCode(404)
                .putHeader("Content-Type", "application/json").end("{\"message\":\"Not Found\"}"));
        return router;
    }

    /** The Cognito management API and Gatehouse's own operations (AWS JSON 1.1, {@code POST /}). */
    private CognitoEndpoint cognitoEndpoint() {
        return new CognitoEndpoint(List.of(
                new CognitoEndpoint.ServiceTarget(CognitoEndpoint.TARGET_PREFIX, cognitoActions(),
                        new ModelInputReader(ServiceModel::cognitoIdentityProvider)),
                new CognitoEndpoint.ServiceTarget(CognitoEndpoint.GATEHOUSE_PREFIX, gatehouseActions(),
                        new GatehouseInputReader(gatehouseActions().keySet()))),
                new SignedCallAuthenticator(adminCredentials, clock, CognitoEndpoint.SIGNING_NAME),
                blocking, clock, config.region(), auditLog, clientAddress);
    }

    /** The API Gateway management API (REST-JSON under /restapis and /tags, issue 4), built by its first request. */
    private void mountApiGateway(Router router) {
        Lazy<ApiGatewayEndpoint> apiGateway = Lazy.of(this::apiGatewayEndpoint);
        this.apiGateway = apiGateway;
        router.routeWithRegex(ApiGatewayEndpoint.PATH_REGEX)
                .handler(BodyHandler.create(false).setBodyLimit(MANAGEMENT_BODY_LIMIT))
                .handler(ctx -> apiGateway.get().handle(ctx))
                .failureHandler(ctx -> apiGateway.get().handleRouteFailure(ctx));
    }

    private ApiGatewayEndpoint apiGatewayEndpoint() {
        RestApiService restApis = new RestApiService(apiStore, store, directory, clock, config.accountId());
        ApiDeploymentService deployments = new ApiDeploymentService(apiStore, restApis, directory, clock);
        return new ApiGatewayEndpoint(
                () -> ApiGatewayRoutes.create(restApis, deployments, this::issuerBaseUrl, config.domainSuffix()),
                adminCredentials, blocking, clock, auditLog);
    }

    /** Builds the management endpoints now if no request has yet: for the idle time after start-up. */
    public void buildManagementEndpoints() {
        cognito.get();
        apiGateway.get();
    }

    /** What each deployed API Gateway stage serves now, from the directory snapshot (never the database). */
    public StageLookup stageLookup() {
        return (apiId, stageName) -> directory.current().stage(apiId, stageName);
    }

    private Map<String, CognitoAction> cognitoActions() {
        ManageContext manage = new ManageContext(store, directory, config, clock);
        Map<String, CognitoAction> actions = new HashMap<>();
        actions.putAll(PoolActions.create(manage, paginationTokens));
        actions.putAll(ClientActions.create(manage, paginationTokens));
        actions.putAll(TokenActions.create(tokenIssuer));
        return actions;
    }

    /** Gatehouse's own management operations, beyond Cognito's API (target prefix GatehouseService.). */
    private Map<String, CognitoAction> gatehouseActions() {
        Map<String, CognitoAction> actions = new HashMap<>();
        actions.putAll(ThrottleActions.create(new ManageContext(store, directory, config, clock)));
        actions.putAll(RevocationActions.create(new ManageContext(store, directory, config, clock)));
        actions.putAll(KeyActions.create(keyRotation));
        return actions;
    }

    /** Called once the listener is bound, when port 0 has become a real port. */
    void listening(int port) {
        if (issuerBaseUrl == null) {
            issuerBaseUrl = "http://localhost:" + port;
        }
        // Held off during start-up so compacting a freshly loaded H2 file does not delay readiness.
        database.resumeHousekeeping();
        if (!config.embeddedDatabase()) {
            // Other nodes write too: pick up their changes (DESIGN §3).
            pollTimer = vertx.setPeriodic(1000, id -> blocking.run(() -> {
                directory.pollChanges();
                return null;
            }).onFailure(e -> LOG.warn("Could not poll the change log: {}", e.getMessage())));
        }
        long trimSeconds = NativeHeapTrim.intervalSeconds();
        if (trimSeconds > 0) {
            NativeHeapTrim trim = new NativeHeapTrim();
            trimTimer = vertx.setPeriodic(trimSeconds * 1000, id -> blocking.run(trim::trim));
        }
        // Automatic key rotation runs on every node; the store's pool lock makes concurrent runs rotate once.
        keyRotationTimer = vertx.setPeriodic(KEY_ROTATION_CHECK_MILLIS, id -> blocking.run(keyRotation::rotateDue)
                .onFailure(e -> LOG.warn("Could not check for due key rotations: {}", e.getMessage())));
    }

    public Vertx vertx() {
        return vertx;
    }

    /** What drives the sockets: io_uring, epoll or nio. */
    public String transportName() {
        return transport.name();
    }

    /** The gateway plane, which the listener serves ahead of the router. */
    public Gateway gateway() {
        return gateway;
    }

    /** How long a connection may take to send a request head (slow-loris guard, net.HeadDeadline). */
    public Duration headerTimeout() {
        return config.abuse().headerTimeout();
    }

    /**
     * What the listener serves on its direct path, ahead of the router, in the order asked: the
     * gateway (its hosts own every path), then the health probes.
     */
    public List<DirectRequests.Server> directServers() {
        return List.of(gateway.handler(), health);
    }

    /** Completes once the listener has answered its first health probe. */
    public java.util.concurrent.CompletableFuture<Void> firstProbeAnswered() {
        return health.firstAnswer();
    }

    public Router router() {
        return router;
    }

    public Store store() {
        return store;
    }

    public DirectoryHolder directory() {
        return directory;
    }

    public String issuerBaseUrl() {
        return issuerBaseUrl;
    }

    public String adminAccessKeyId() {
        return adminAccessKeyId;
    }

    public Optional<Path> adminCredentialsFile() {
        return adminCredentialsFile;
    }

    public PaginationTokens paginationTokens() {
        return paginationTokens;
    }

    public SigningKeys signingKeys() {
        return signingKeys;
    }

    public KeyRotationService keyRotation() {
        return keyRotation;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    public Clock clock() {
        return clock;
    }

    public GatehouseConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
        }
        if (keyRotationTimer >= 0) {
            vertx.cancelTimer(keyRotationTimer);
        }
        if (trimTimer >= 0) {
            vertx.cancelTimer(trimTimer);
        }
        try {
            gateway.close();
            vertx.close().await();
        } finally {
            auditLog.close();
            accessLog.close();
            database.close();
        }
    }
}
