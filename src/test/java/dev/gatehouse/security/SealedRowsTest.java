package dev.gatehouse.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AAD binds each sealed value to its row (SECURITY LG-04), and a wrong master key is refused
 * at start. Decision (docs/security.md): a row whose value does not open is left out and logged,
 * the server still starts, every other secret, key and pool keeps serving, and the wrong secret
 * or key is never served.
 */
class SealedRowsTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void startWhenSealedValuesCopiedToOtherRowsThenThoseRowsAreLeftOutAndNothingWrongIsServed(TestDatabase database)
            throws Exception {
        try (Deployment deployment = new Deployment(database)) {
            String key = Deployment.newKey();
            SealedWorld world;
            String poolA;
            String poolB;
            try (TestServer server = deployment.start(key)) {
                world = SealedWorld.create(server);
            }
            poolA = world.poolIds().get(0);
            poolB = world.poolIds().get(1);
            String victim = world.clientIds().get(0);   // pool A, two generated secrets
            String other = world.clientIds().get(2);    // pool B
            String victimFirstSecretId;
            String victimAccessKid;
            String otherAccessKid;
            try (Connection c = deployment.connect()) {
                victimFirstSecretId = first(c, "SELECT secret_id FROM client_secret WHERE client_id = ? ORDER BY created_at, secret_id", victim);
                String otherSealed = first(c, "SELECT sealed_value FROM client_secret WHERE client_id = ?", other);
                update(c, "UPDATE client_secret SET sealed_value = ? WHERE secret_id = ?", otherSealed, victimFirstSecretId);
                victimAccessKid = first(c, "SELECT kid FROM signing_key WHERE pool_id = ? AND purpose = 'ACCESS'", poolA);
                otherAccessKid = first(c, "SELECT kid FROM signing_key WHERE pool_id = ? AND purpose = 'ACCESS'", poolB);
                String otherKey = first(c, "SELECT sealed_private_key FROM signing_key WHERE kid = ?", otherAccessKid);
                update(c, "UPDATE signing_key SET sealed_private_key = ? WHERE kid = ?", otherKey, victimAccessKid);
            }

            ListAppender<ILoggingEvent> logs = SecretsAtRestTest.captureLogs();
            try (TestServer server = deployment.start(key)) {
                List<String> victimSecrets = world.secretsByClient().get(victim);
                String otherSecret = world.secretsByClient().get(other).get(0);
                String secretLeftOut = "Client secret " + victimFirstSecretId + " of app client " + victim + " is left out";
                // Keys are opened at load, client secrets only on the client's first authentication
                assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                        .anyMatch(m -> m.startsWith("Signing key " + victimAccessKid + " of pool " + poolA + " is left out"))
                        .noneMatch(m -> m.startsWith(secretLeftOut));
                // The moved secret opens nowhere: neither the victim's old secret nor the copied one authenticates
                assertThat(Deployment.token(server, victim, victimSecrets.get(0), SealedWorld.SCOPE).statusCode()).isEqualTo(401);
                assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                        .filteredOn(m -> m.startsWith(secretLeftOut)).hasSize(1);
                assertThat(Deployment.token(server, victim, otherSecret, SealedWorld.SCOPE).statusCode()).isEqualTo(401);
                assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                        .filteredOn(m -> m.startsWith(secretLeftOut)).as("opened once, not per request").hasSize(1);
                // Pool A lost its access key: it refuses to sign rather than signing with pool B's key
                var refused = Deployment.token(server, world.clientIds().get(1), SealedWorld.CUSTOM_AT_CREATE, SealedWorld.SCOPE);
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).contains("temporarily_unavailable");
                assertThat(Deployment.get(server.issuer(poolA) + "/.well-known/jwks.json").body())
                        .doesNotContain(victimAccessKid).doesNotContain(otherAccessKid);
                // Everything else keeps serving
                assertThat(Deployment.token(server, other, otherSecret, SealedWorld.SCOPE).statusCode()).isEqualTo(200);
                assertThat(Deployment.get(server.issuer(poolB) + "/.well-known/jwks.json").body()).contains(otherAccessKid);
                assertThat(server.cognito().describeUserPoolClient(r -> r.userPoolId(poolA).clientId(victim))
                        .userPoolClient().clientSecret()).isEqualTo(victimSecrets.get(1));
                // Describe reads the row itself and refuses it too; no message shows a secret
                assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                        .filteredOn(m -> m.startsWith(secretLeftOut) && m.contains("does not open")).isNotEmpty();
                assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                        .allSatisfy(m -> assertThat(m).doesNotContain(victimSecrets.get(0)).doesNotContain(otherSecret));
            } finally {
                ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void startWhenSecretRowMovedToAnotherClientThenItDoesNotAuthenticateThatClient(TestDatabase database) throws Exception {
        try (Deployment deployment = new Deployment(database)) {
            String key = Deployment.newKey();
            SealedWorld world;
            try (TestServer server = deployment.start(key)) {
                world = SealedWorld.create(server);
            }
            String owner = world.clientIds().get(2);
            String thief = world.clientIds().get(1);
            try (Connection c = deployment.connect()) {
                update(c, "UPDATE client_secret SET client_id = ? WHERE client_id = ?", thief, owner);
            }
            try (TestServer server = deployment.start(key)) {
                String moved = world.secretsByClient().get(owner).get(0);
                assertThat(Deployment.token(server, thief, moved, SealedWorld.SCOPE).statusCode()).isEqualTo(401);
                assertThat(Deployment.token(server, thief, SealedWorld.CUSTOM_AT_CREATE, SealedWorld.SCOPE).statusCode())
                        .isEqualTo(200);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void startWhenWrongMasterKeyThenRefusedWithClearMessage(TestDatabase database) throws Exception {
        try (Deployment deployment = new Deployment(database)) {
            String key = database == TestDatabase.H2 ? null : Deployment.newKey();
            try (TestServer server = deployment.start(key)) {
                SealedWorld.create(server);
            }
            String wrong = Deployment.newKey();
            assertThatThrownBy(() -> deployment.start(wrong).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("The master key (id " + dev.gatehouse.keys.MasterKey.fromBase64(wrong).id()
                            + ") does not open this database's secrets: a value was sealed under master key ")
                    .hasMessageContaining("Start with the master key the database was created with")
                    .hasMessageNotContaining(wrong);
            // The right key still opens everything: the refusal changed nothing
            try (TestServer server = deployment.start(key)) {
                assertThat(server.cognito().listUserPools(r -> r.maxResults(10)).userPools()).hasSize(2);
            }
        }
    }

    static String first(Connection c, String sql, String param) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }

    static void update(Connection c, String sql, String... params) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            assertThat(s.executeUpdate()).as(sql).isPositive();
        }
    }
}
