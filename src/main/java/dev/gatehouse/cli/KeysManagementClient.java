package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.admin.sigv4.SigV4Signer;
import dev.gatehouse.json.SharedMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Calls Gatehouse's own management operations (target prefix {@code GatehouseService.}) over HTTP,
 * SigV4-signed with the admin credentials: from the environment, or from the
 * {@code admin-credentials} file the server wrote in its data directory (DESIGN §1). Every failure
 * is a {@link Failed} with a sentence for the operator.
 */
final class KeysManagementClient {

    static final String TARGET_PREFIX = "GatehouseService.";
    private static final String SIGNING_NAME = "cognito-idp";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    /** A failure to report as one line, exit code 1. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    private final URI endpoint;
    private final SigV4Signer signer;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = SharedMapper.get();

    KeysManagementClient(KeysConnectionOptions options, UnaryOperator<String> environment, Clock clock) {
        this.endpoint = endpoint(options.endpoint);
        Map<String, String> credentials = credentials(options.dataDir, environment);
        this.signer = new SigV4Signer(credentials.get("aws_access_key_id"), credentials.get("aws_secret_access_key"),
                options.region, SIGNING_NAME);
        this.clock = clock;
    }

    /** The operation's output, or a {@link Failed} naming the error type and message the server returned. */
    JsonNode call(String operation, ObjectNode input) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(input);
        } catch (IOException e) {
            throw new Failed("could not encode the request: " + e.getMessage());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("X-Amz-Target", TARGET_PREFIX + operation);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        signer.sign("POST", endpoint, headers, body, clock.instant()).forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failed("cannot reach Gatehouse at " + endpoint + " (is it running? see --endpoint)");
        } catch (IOException e) {
            throw new Failed("the call to " + endpoint + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        }
        JsonNode output = parse(response.body());
        if (response.statusCode() != 200) {
            String type = output.path("__type").asText("HTTP " + response.statusCode());
            String message = output.path("message").asText("");
            throw new Failed(operation + " failed: " + type + (message.isEmpty() ? "" : ": " + message));
        }
        return output;
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new Failed("the server's answer is not JSON; is " + endpoint + " a Gatehouse endpoint?");
        }
    }

    private static URI endpoint(String text) {
        try {
            URI uri = URI.create(text.endsWith("/") ? text : text + "/");
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new Failed("--endpoint must be an http(s) URL such as http://localhost:9229");
        }
    }

    /** The environment's credentials when both are set; otherwise the [gatehouse] profile of the credentials file. */
    static Map<String, String> credentials(Path dataDir, UnaryOperator<String> environment) {
        String accessKeyId = blankToNull(environment.apply("GATEHOUSE_ADMIN_ACCESS_KEY_ID"));
        String secret = blankToNull(environment.apply("GATEHOUSE_ADMIN_SECRET_ACCESS_KEY"));
        if (accessKeyId != null && secret != null) {
            return Map.of("aws_access_key_id", accessKeyId, "aws_secret_access_key", secret);
        }
        Path file = dataDir.resolve("admin-credentials");
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    values.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new Failed("no admin credentials: set GATEHOUSE_ADMIN_ACCESS_KEY_ID and GATEHOUSE_ADMIN_SECRET_ACCESS_KEY, "
                    + "or point --data-dir at the server's data directory (cannot read " + file + ")");
        }
        if (!values.containsKey("aws_access_key_id") || !values.containsKey("aws_secret_access_key")) {
            throw new Failed(file + " does not hold aws_access_key_id and aws_secret_access_key");
        }
        return values;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
