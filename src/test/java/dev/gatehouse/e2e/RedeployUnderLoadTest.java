package dev.gatehouse.e2e;

import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "A new deployment switches atomically with no failed in-flight request" (issue 4): {@value #CLIENTS} clients
 * hammer a stage over keep-alive connections while the AWS SDK's API Gateway client points the integration
 * at another backend and creates a deployment on the same stage. Every request succeeds; requests that end
 * before the switch are answered by the old backend, those that start after it by the new one, each client
 * sees the switch once and for good, and the old backend can then go away unnoticed.
 */
class RedeployUnderLoadTest {

    static final int CLIENTS = 16;

    /** One answered request: when it ran (nanoTime) and what came back (status, body; -1 and the error if none). */
    record Call(int client, long start, long end, int status, String body) {
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deploymentWhenCreatedUnderLoadThenSwitchesAtomicallyWithoutFailedRequests(TestDatabase database)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpServer oldBackend = backend(vertx, "old");
        HttpServer newBackend = backend(vertx, "new");
        try (TestServer server = TestServer.start(database); ApiGatewayClient gw = server.apiGateway()) {
            CreateRestApiResponse api = gw.createRestApi(r -> r.name("orders"));
            String apiId = api.id();
            String items = gw.createResource(r -> r.restApiId(apiId).parentId(api.rootResourceId()).pathPart("items")).id();
            gw.putMethod(r -> r.restApiId(apiId).resourceId(items).httpMethod("GET").authorizationType("NONE"));
            integrate(gw, apiId, items, oldBackend);
            gw.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
            URI uri = URI.create(server.baseUrl() + "/restapis/" + apiId + "/prod/_user_request_/items");

            ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            CountDownLatch warm = new CountDownLatch(CLIENTS);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int id = i;
                Thread thread = new Thread(() -> hammer(id, uri, running, warm, calls), "client-" + i);
                thread.start();
                clients.add(thread);
            }
            warm.await();
            awaitEachClient(calls, c -> true, 3);
            integrate(gw, apiId, items, newBackend); // changes the API, not yet the stage
            long changed = System.nanoTime();
            awaitEachClient(calls, c -> c.start() > changed, 2);
            long deployStart = System.nanoTime();
            gw.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
            long deployed = System.nanoTime();
            awaitEachClient(calls, c -> c.start() > deployed, 3);
            running.set(false);
            for (Thread thread : clients) {
                thread.join(30_000);
            }

            List<Call> all = List.copyOf(calls);
            List<Call> failed = all.stream().filter(c -> c.status() != 200).toList();
            assertThat(failed).as("failed requests").isEmpty();
            assertThat(all.stream().filter(c -> c.end() < deployStart))
                    .as("answered before the deployment: the old backend, though the API already names the new one")
                    .isNotEmpty().allMatch(c -> c.body().equals("old"));
            assertThat(all.stream().filter(c -> c.start() > deployed))
                    .as("started after CreateDeployment returned: the new backend")
                    .isNotEmpty().allMatch(c -> c.body().equals("new"));
            for (int i = 0; i < CLIENTS; i++) {
                int id = i;
                List<String> answers = all.stream().filter(c -> c.client() == id)
                        .sorted(java.util.Comparator.comparingLong(Call::start)).map(Call::body).toList();
                int firstNew = answers.indexOf("new");
                assertThat(firstNew).as("client %d switched", id).isPositive();
                assertThat(answers.subList(firstNew, answers.size())).as("client %d never goes back", id)
                        .containsOnly("new");
            }
            long inFlight = all.stream().filter(c -> c.start() < deployed && c.end() > deployStart).count();
            System.err.printf("redeploy under load (" + database + "): %d requests by %d clients, %d in flight during CreateDeployment"
                            + " (%d ms), %d failed, %d answered by the old backend after the API change named the new one%n", all.size(), CLIENTS, inFlight,
                    (deployed - deployStart) / 1_000_000, failed.size(),
                    all.stream().filter(c -> c.start() > changed && c.end() < deployStart).count());

            oldBackend.close().await(); // nothing refers to the old deployment's backend any more
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("new");
            }
        } finally {
            vertx.close().await();
        }
    }

    /** Waits until every client has made {@code count} calls that match (30 s at most, then the asserts tell). */
    private static void awaitEachClient(ConcurrentLinkedQueue<Call> calls, java.util.function.Predicate<Call> which,
                                        int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            java.util.Map<Integer, Long> perClient = calls.stream().filter(which)
                    .collect(java.util.stream.Collectors.groupingBy(Call::client, java.util.stream.Collectors.counting()));
            if (perClient.size() == CLIENTS && perClient.values().stream().allMatch(n -> n >= count)) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static void integrate(ApiGatewayClient gw, String apiId, String resourceId, HttpServer backend) {
        gw.putIntegration(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod("GET").type("HTTP_PROXY")
                .integrationHttpMethod("GET").uri("http://127.0.0.1:" + backend.actualPort() + "/items"));
    }

    /** Answers {@code name} after a few milliseconds, so requests are in flight when the deployment lands. */
    private static HttpServer backend(Vertx vertx, String name) {
        return vertx.createHttpServer().requestHandler(request -> vertx.setTimer(5, id ->
                request.response().putHeader("Content-Type", "text/plain").end(name))).listen(0, "127.0.0.1").await();
    }

    /** One client: its own keep-alive connection, one request after another until told to stop. */
    private static void hammer(int id, URI uri, AtomicBoolean running, CountDownLatch warm,
                               ConcurrentLinkedQueue<Call> calls) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build();
        boolean first = true;
        while (running.get()) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                calls.add(new Call(id, start, System.nanoTime(), response.statusCode(), response.body()));
            } catch (Exception e) {
                calls.add(new Call(id, start, System.nanoTime(), -1, String.valueOf(e)));
            }
            if (first) {
                warm.countDown();
                first = false;
            }
        }
    }
}
