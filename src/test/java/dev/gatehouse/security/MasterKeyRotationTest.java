package dev.gatehouse.security;

import dev.gatehouse.cli.KeysRotateMasterCommand;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.server.MasterKeyRotation;
import dev.gatehouse.store.jdbc.Resealer;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code gatehouse keys rotate-master}: everything re-sealed in one transaction, or nothing. */
class MasterKeyRotationTest {

    @Test
    void rotateMasterWhenEmbeddedKeyFileThenResealedFilesSwappedAndServerWorksWithNewKeyOnly() throws Exception {
        try (Deployment deployment = new Deployment(TestDatabase.H2)) {
            Fixture before = fixture(deployment, null);
            MasterKey old = MasterKey.readFile(deployment.dataDir).orElseThrow();

            StringWriter out = new StringWriter();
            int exit = new CommandLine(new KeysRotateMasterCommand(name -> null)).setOut(new PrintWriter(out))
                    .execute("--data-dir", deployment.dataDir.toString());

            assertThat(exit).as(out.toString()).isZero();
            MasterKey next = MasterKey.readFile(deployment.dataDir).orElseThrow();
            assertThat(next.id()).isNotEqualTo(old.id());
            assertThat(out.toString())
                    .contains("Re-sealed under master key " + next.id() + " (was " + old.id() + ")")
                    .containsPattern("client_secret +5\\n").containsPattern("signing_key +4\\n")
                    .containsPattern("admin_credential +1\\n").containsPattern("gatehouse_setting +1\\n")
                    .doesNotContain(next.base64()).doesNotContain(old.base64()).doesNotContain("WARNING");
            Path previous = deployment.dataDir.resolve(MasterKey.PREVIOUS_FILE_NAME);
            assertThat(MasterKey.fromBase64(Files.readString(previous)).id()).isEqualTo(old.id());
            for (Path file : List.of(previous, deployment.dataDir.resolve(MasterKey.FILE_NAME))) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            }
            assertThat(deployment.dataDir.resolve(MasterKey.STAGED_FILE_NAME)).doesNotExist();

            assertResealed(deployment, before, next.id());
            assertWorks(deployment, null, before);
            assertRefused(deployment, old.base64());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rotateWhenKeyGivenOrGeneratedThenServerWorksWithNewKeyAndRefusesOldOne(TestDatabase database) throws Exception {
        try (Deployment deployment = new Deployment(database)) {
            String old = Deployment.newKey();
            Fixture before = fixture(deployment, old);

            // First a key the operator gives, then one Gatehouse generates and shows once
            String given = Deployment.newKey();
            MasterKeyRotation.Result first = MasterKeyRotation.rotate(deployment.config(old), given);
            assertThat(first.generated()).isEmpty();
            assertThat(first.keyFile()).isEmpty();
            MasterKeyRotation.Result second = MasterKeyRotation.rotate(deployment.config(given), null);
            String generated = second.generated().orElseThrow().base64();
            assertThat(second.resealed()).containsExactly(Map.entry("client_secret", 5), Map.entry("signing_key", 4),
                    Map.entry("admin_credential", 1), Map.entry("gatehouse_setting", 1));

            assertResealed(deployment, before, MasterKey.fromBase64(generated).id());
            assertWorks(deployment, generated, before);
            assertRefused(deployment, old);
            assertRefused(deployment, given);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rotateWhenOneValueDoesNotOpenThenNothingChangesAndOldKeyStillWorks(TestDatabase database) throws Exception {
        try (Deployment deployment = new Deployment(database)) {
            String old = database == TestDatabase.H2 ? null : Deployment.newKey();
            Fixture before = fixture(deployment, old);
            String brokenKid;
            try (Connection c = deployment.connect()) {
                // The last signing key in the rotation's order gets another row's value: the failure comes mid-way
                brokenKid = SealedRowsTest.first(c, "SELECT MAX(kid) FROM signing_key WHERE pool_id <> ?", "none");
                String otherValue = SealedRowsTest.first(c, "SELECT sealed_private_key FROM signing_key WHERE kid <> ? "
                        + "ORDER BY kid", brokenKid);
                SealedRowsTest.update(c, "UPDATE signing_key SET sealed_private_key = ? WHERE kid = ?", otherValue, brokenKid);
            }
            Map<String, String> sealedBefore = sealedCells(deployment);
            byte[] keyFileBefore = old == null ? Files.readAllBytes(deployment.dataDir.resolve(MasterKey.FILE_NAME)) : null;

            assertThatThrownBy(() -> MasterKeyRotation.rotate(deployment.config(old), null))
                    .isInstanceOf(Resealer.ResealFailure.class)
                    .hasMessageStartingWith("signing_key row " + brokenKid + ": ");

            assertThat(sealedCells(deployment)).isEqualTo(sealedBefore);
            if (old == null) {
                assertThat(Files.readAllBytes(deployment.dataDir.resolve(MasterKey.FILE_NAME))).isEqualTo(keyFileBefore);
                assertThat(deployment.dataDir.resolve(MasterKey.STAGED_FILE_NAME)).doesNotExist();
                assertThat(deployment.dataDir.resolve(MasterKey.PREVIOUS_FILE_NAME)).doesNotExist();
            }
            // The old key still opens everything that opened before (all client secrets)
            try (TestServer server = deployment.start(old)) {
                for (String clientId : before.world.clientIds()) {
                    for (String secret : before.world.secretsByClient().get(clientId)) {
                        assertThat(Deployment.token(server, clientId, secret, SealedWorld.SCOPE).statusCode())
                                .isIn(200, 503); // 503 only for the pool whose key was broken on purpose
                    }
                }
                assertThat(server.cognito().listUserPools(r -> r.maxResults(10)).userPools()).hasSize(2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void sealedColumnsWhenSchemaReadThenEveryOneIsResealed(TestDatabase database) throws Exception {
        try (Deployment deployment = new Deployment(database)) {
            try (TestServer ignored = deployment.start(database == TestDatabase.H2 ? null : Deployment.newKey())) {
                // migrations ran
            }
            Set<String> inSchema = new HashSet<>();
            try (Connection c = deployment.connect();
                 ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), "%", "%")) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                    if (column.startsWith("sealed")) {
                        inSchema.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT) + "." + column);
                    }
                }
            }
            assertThat(inSchema).isNotEmpty();
            assertThat(Resealer.SEALED_COLUMNS.stream().map(s -> s.table() + "." + s.column()).toList())
                    .containsAll(inSchema);
        }
    }

    private record Fixture(SealedWorld world, Map<String, String> jwks, Map<String, String> sealed) {
    }

    private static Fixture fixture(Deployment deployment, String key) throws Exception {
        SealedWorld world;
        Map<String, String> jwks = new TreeMap<>();
        try (TestServer server = deployment.start(key)) {
            world = SealedWorld.create(server);
            for (String pool : world.poolIds()) {
                jwks.put(pool, Deployment.get(server.issuer(pool) + "/.well-known/jwks.json").body());
            }
        }
        return new Fixture(world, jwks, sealedCells(deployment));
    }

    private static Map<String, String> sealedCells(Deployment deployment) throws Exception {
        Map<String, String> sealed = new TreeMap<>();
        SecretsAtRestTest.allCells(deployment).forEach((where, value) -> {
            if (value.startsWith("v1.")) {
                sealed.put(where, value);
            }
        });
        return sealed;
    }

    private static void assertResealed(Deployment deployment, Fixture before, String newKeyId) throws Exception {
        Map<String, String> after = sealedCells(deployment);
        assertThat(after.keySet()).isEqualTo(before.sealed.keySet()).hasSize(11);
        after.forEach((where, value) -> {
            assertThat(value).as(where).startsWith("v1." + newKeyId + ".").isNotEqualTo(before.sealed.get(where));
        });
    }

    /** Every client authenticates with every secret, the JWKS is unchanged (same kids), the admin credentials work. */
    private static void assertWorks(Deployment deployment, String key, Fixture before) throws Exception {
        try (TestServer server = deployment.start(key)) {
            for (String clientId : before.world.clientIds()) {
                for (String secret : before.world.secretsByClient().get(clientId)) {
                    assertThat(Deployment.token(server, clientId, secret, SealedWorld.SCOPE).statusCode()).isEqualTo(200);
                }
            }
            for (String pool : before.world.poolIds()) {
                assertThat(Deployment.get(server.issuer(pool) + "/.well-known/jwks.json").body()).isEqualTo(before.jwks.get(pool));
            }
            assertThat(server.cognito().listUserPools(r -> r.maxResults(10)).userPools()).hasSize(2);
        }
    }

    private static void assertRefused(Deployment deployment, String key) {
        assertThatThrownBy(() -> deployment.start(key).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open this database's secrets");
    }
}
