package dev.gatehouse.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.util.Base64URL;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.model.SigningAlgorithm;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.testing.SignedHttp;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.net.http.HttpResponse;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY LG-04: after real use of the API, the raw database (every column of every table; for
 * H2 also every byte of every file in the data directory but the two key/credential files) holds
 * no client secret, admin secret key or private key in any encoding, and every sealed column is
 * {@code v1.<master key id>.…}. The audit log and the server's log output hold none either. The
 * second pool signs with ES256 keys (an emergency rotation after SetSigningKeyPolicy), so P-256
 * private keys are searched for as well as RSA ones.
 */
class SecretsAtRestTest {

    private static final List<String> NOT_SCANNED = List.of(MasterKey.FILE_NAME, "admin-credentials");

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rawDatabaseWhenSecretsStoredThenNoSecretOrPrivateKeyAnywhere(TestDatabase database) throws Exception {
        ListAppender<ILoggingEvent> logs = captureLogs();
        try (Deployment deployment = new Deployment(database)) {
            String masterKey = database == TestDatabase.H2 ? null : Deployment.newKey();
            Map<String, byte[]> needles = new LinkedHashMap<>();
            List<String> publicKeys = new ArrayList<>();
            SealedWorld world;
            try (TestServer server = deployment.start(masterKey)) {
                world = SealedWorld.create(server);
                switchToEs256(server, world.poolIds().get(1));
                for (String clientId : world.clientIds()) {
                    for (String secret : world.secretsByClient().get(clientId)) {
                        assertThat(Deployment.token(server, clientId, secret, SealedWorld.SCOPE).statusCode()).isEqualTo(200);
                        addText(needles, "client secret of " + clientId, secret);
                    }
                    assertThat(Deployment.token(server, clientId, "wrong" + clientId, SealedWorld.SCOPE).statusCode())
                            .isEqualTo(401);
                }
                addText(needles, "admin secret access key", server.secretKey());
                for (String pool : world.poolIds()) {
                    for (SigningKey key : server.server().components().store().keysOf(pool)) {
                        addPrivateKey(needles, key);
                        publicKeys.add(Base64.getEncoder().encodeToString(key.publicKeyX509()));
                    }
                }
            }
            assertThat(needles).hasSizeGreaterThan(40);
            String keyId = masterKey == null ? MasterKey.readFile(deployment.dataDir).orElseThrow().id()
                    : MasterKey.fromBase64(masterKey).id();

            // Every column of every table, as text
            Map<String, String> cells = allCells(deployment);
            assertThat(cells.values()).as("the scan sees the stored public keys").containsAll(publicKeys);
            cells.forEach((where, value) -> needles.forEach((what, needle) ->
                    assertThat(value).as(where + " must not contain the " + what)
                            .doesNotContain(new String(needle, StandardCharsets.ISO_8859_1))));
            Pattern sealed = Pattern.compile("^v1\\." + keyId + "\\.[A-Za-z0-9+/]+=*$");
            List<String> sealedCells = cells.entrySet().stream()
                    .filter(e -> e.getKey().contains(".sealed_")
                            || e.getKey().equals("gatehouse_setting[master_key.canary].setting_value"))
                    .map(Map.Entry::getValue).toList();
            // 6 signing keys (2 RSA, 2 revoked RSA, 2 P-256), 5 client secrets, 1 admin credential, the canary
            assertThat(sealedCells).hasSize(13).allMatch(v -> sealed.matcher(v).matches());

            // H2: every byte of every file, except the master key and the admin-credentials file
            if (database == TestDatabase.H2) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(deployment.dataDir)) {
                    files = walk.filter(Files::isRegularFile)
                            .filter(f -> !NOT_SCANNED.contains(f.getFileName().toString())).toList();
                }
                assertThat(files).extracting(f -> f.getFileName().toString()).contains("gatehouse.mv.db", "audit.jsonl");
                for (Path file : files) {
                    String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    for (Map.Entry<String, byte[]> needle : needles.entrySet()) {
                        assertThat(bytes.indexOf(new String(needle.getValue(), StandardCharsets.ISO_8859_1)))
                                .as(file.getFileName() + " holds the " + needle.getKey()).isEqualTo(-1);
                    }
                }
                byte[] mvDb = Files.readAllBytes(deployment.dataDir.resolve("gatehouse.mv.db"));
                assertThat(indexOf(mvDb, publicKeys.get(0).getBytes(StandardCharsets.UTF_8)))
                        .as("the byte scan sees a stored public key").isNotEqualTo(-1);
            } else {
                String audit = Files.readString(deployment.dataDir.resolve("audit.jsonl"));
                assertThat(audit).contains("CreateUserPoolClient");
                needles.forEach((what, needle) -> assertThat(audit).as("audit log holds the " + what)
                        .doesNotContain(new String(needle, StandardCharsets.ISO_8859_1)));
            }
            // The server's log output
            List<String> lines = logs.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
            assertThat(lines).as("the appender captured the server's logs").anyMatch(l -> l.contains("Directory loaded"));
            for (String line : lines) {
                for (Map.Entry<String, byte[]> needle : needles.entrySet()) {
                    assertThat(line).as("a log line holds the " + needle.getKey())
                            .doesNotContain(new String(needle.getValue(), StandardCharsets.ISO_8859_1));
                }
            }
        } finally {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        }
    }

    @Test
    void keyFileWhenCreatedAtFirstStartThenOwnerOnly() throws Exception {
        try (Deployment deployment = new Deployment(TestDatabase.H2)) {
            try (TestServer ignored = deployment.start(null)) {
                Path file = deployment.dataDir.resolve(MasterKey.FILE_NAME);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
                assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
                Path admin = deployment.dataDir.resolve("admin-credentials");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(admin))).isEqualTo("rw-------");
            }
        }
    }

    static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return appender;
    }

    /** A text secret as stored text, as UTF-16 (Java serialisation) and as base64. */
    private static void addText(Map<String, byte[]> needles, String what, String secret) {
        needles.put(what + " [" + needles.size() + "]", secret.getBytes(StandardCharsets.UTF_8));
        needles.put(what + " in base64 [" + needles.size() + "]",
                Base64.getEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** Pool {@code poolId} signs with new ES256 keys from now on; its RSA keys are revoked. */
    private static void switchToEs256(TestServer server, String poolId) throws Exception {
        for (String[] call : List.of(
                new String[] {"SetSigningKeyPolicy", "{\"UserPoolId\":\"" + poolId + "\",\"SigningAlgorithm\":\"ES256\"}"},
                new String[] {"RotateSigningKeys", "{\"UserPoolId\":\"" + poolId + "\",\"Emergency\":true}"})) {
            HttpResponse<String> response = SignedHttp.send(server, "GatehouseService." + call[0],
                    "application/x-amz-json-1.1", call[1].getBytes(StandardCharsets.UTF_8), server.secretKey());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        assertThat(server.server().components().store().keysOf(poolId))
                .filteredOn(key -> key.algorithm() == SigningAlgorithm.ES256 && key.revocationDate() == null).hasSize(2);
    }

    /** PKCS#8 DER, its base64 (first PEM line), hex, and the JWK private members as base64url and raw bytes. */
    private static void addPrivateKey(Map<String, byte[]> needles, SigningKey key) throws Exception {
        if (key.algorithm() == SigningAlgorithm.ES256) {
            addEcPrivateKey(needles, key);
            return;
        }
        byte[] der = key.privateKeyPkcs8();
        String kid = key.kid();
        needles.put("PKCS#8 DER of " + kid, java.util.Arrays.copyOfRange(der, 26, 90));
        needles.put("PKCS#8 base64 of " + kid, Base64.getEncoder().encodeToString(der).substring(0, 64).getBytes(StandardCharsets.UTF_8));
        needles.put("PKCS#8 base64url of " + kid, Base64.getUrlEncoder().encodeToString(der).substring(64, 128).getBytes(StandardCharsets.UTF_8));
        needles.put("PKCS#8 hex of " + kid, HexFormat.of().formatHex(der, 40, 80).getBytes(StandardCharsets.UTF_8));
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        Map<String, java.math.BigInteger> members = Map.of("d", rsa.getPrivateExponent(), "p", rsa.getPrimeP(),
                "q", rsa.getPrimeQ(), "dp", rsa.getPrimeExponentP(), "dq", rsa.getPrimeExponentQ(), "qi", rsa.getCrtCoefficient());
        members.forEach((name, value) -> {
            needles.put("JWK " + name + " of " + kid, Base64URL.encode(value).toString().substring(0, 40).getBytes(StandardCharsets.UTF_8));
            byte[] raw = value.toByteArray();
            needles.put("raw " + name + " of " + kid, java.util.Arrays.copyOfRange(raw, raw.length - 32, raw.length));
        });
    }

    /**
     * A P-256 key: its PKCS#8 DER (about 67 bytes, or 138 with the public point), so the whole encoding and its
     * base64, base64url and hex, and the private scalar {@code d} as 32 raw bytes, hex and its JWK form (43
     * base64url characters). The public point that some encodings append is public, so the needles stop before it.
     */
    private static void addEcPrivateKey(Map<String, byte[]> needles, SigningKey key) throws Exception {
        byte[] der = key.privateKeyPkcs8();
        String kid = key.kid();
        ECPrivateKey ec = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        byte[] d = unsigned32(ec.getS());
        int at = indexOf(der, d);
        assertThat(at).as("d is inside the PKCS#8 encoding of " + kid).isPositive();
        byte[] upToD = java.util.Arrays.copyOfRange(der, 0, at + d.length);
        needles.put("PKCS#8 DER of " + kid, java.util.Arrays.copyOfRange(upToD, upToD.length - 40, upToD.length));
        needles.put("PKCS#8 base64 of " + kid, Base64.getEncoder().encodeToString(upToD)
                .substring(0, (upToD.length / 3) * 4).getBytes(StandardCharsets.UTF_8));
        needles.put("PKCS#8 base64url of " + kid, Base64.getUrlEncoder().encodeToString(upToD)
                .substring(0, (upToD.length / 3) * 4).getBytes(StandardCharsets.UTF_8));
        needles.put("PKCS#8 hex of " + kid, HexFormat.of().formatHex(upToD, upToD.length - 32, upToD.length)
                .getBytes(StandardCharsets.UTF_8));
        needles.put("raw d of " + kid, d);
        needles.put("hex d of " + kid, HexFormat.of().formatHex(d).getBytes(StandardCharsets.UTF_8));
        needles.put("JWK d of " + kid, Base64URL.encode(d).toString().getBytes(StandardCharsets.UTF_8));
        assertThat(Base64URL.encode(d).toString()).hasSize(43);
    }

    private static byte[] unsigned32(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return fixed;
    }

    /** {@code table[row key].column} → value as text, for every table of the deployment's schema. */
    static Map<String, String> allCells(Deployment deployment) throws Exception {
        Map<String, String> cells = new LinkedHashMap<>();
        try (Connection c = deployment.connect()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).extracting(t -> t.toLowerCase(Locale.ROOT))
                    .contains("client_secret", "signing_key", "admin_credential", "gatehouse_setting", "user_pool");
            for (String table : tables) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY 1")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        String key = rs.getString(1);
                        for (int i = 1; i <= columns; i++) {
                            String value = rs.getString(i);
                            if (value != null) {
                                // tables whose first column is the primary key get stable names; others a suffix
                                String where = table.toLowerCase(Locale.ROOT) + "[" + key + "]."
                                        + rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT);
                                String unique = where;
                                for (int n = 2; cells.containsKey(unique); n++) {
                                    unique = where + "#" + n;
                                }
                                cells.put(unique, value);
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }

    /** Byte search via Latin-1 strings (one char per byte, so positions and matches are exact). */
    static int indexOf(byte[] haystack, byte[] needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(new String(needle, StandardCharsets.ISO_8859_1));
    }
}
