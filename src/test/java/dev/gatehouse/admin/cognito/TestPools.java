package dev.gatehouse.admin.cognito;

import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.model.Ids;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.server.Components;
import dev.gatehouse.store.Directory;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Pools created straight through the store (until CreateUserPool lands), and one server per
 * database shared by the tests of a class: close them in {@code @AfterAll}.
 */
final class TestPools {

    private final Map<TestDatabase, TestServer> servers = new EnumMap<>(TestDatabase.class);

    TestServer server(TestDatabase database) {
        return servers.computeIfAbsent(database, TestServer::start);
    }

    void closeAll() {
        servers.values().forEach(TestServer::close);
        servers.clear();
    }

    /** A fresh pool in {@code region}, already in the directory. */
    static String create(TestServer server, String region) {
        Components components = server.server().components();
        Instant now = Instant.now();
        String id = Ids.userPoolId(region);
        UserPool pool = new UserPool(id, region, "pool-" + id, "INACTIVE", "ESSENTIALS", "{}", now, now);
        components.store().insertPool(pool, SigningKeys.newPoolKeys(id, now), Map.of());
        components.directory().refresh(id);
        return id;
    }

    static String create(TestServer server) {
        return create(server, "us-east-1");
    }

    static Directory directory(TestServer server) {
        return server.server().components().directory().current();
    }
}
