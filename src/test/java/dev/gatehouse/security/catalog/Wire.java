package dev.gatehouse.security.catalog;

import dev.gatehouse.testing.TestServer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import dev.gatehouse.testing.RawResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Byte-exact HTTP/1.1 for the catalogue: requests signed by the real AWS SDK v2 signer, then edited
 * as an attacker or a proxy on the path would (any Host, repeated or unsigned headers), sent over a
 * raw socket because {@code java.net.http} rewrites restricted headers and refuses odd ones.
 */
final class Wire {

    static final String JSON_11 = "application/x-amz-json-1.1";
    static final String TARGET = "AWSCognitoIdentityProviderService.";

    private Wire() {
    }

    /** A request as it will leave the socket: request line target, header lines in order, body. */
    record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {

        Request {
            headers = List.copyOf(headers);
        }

        String header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        Request replace(String name, String value) {
            List<Map.Entry<String, String>> out = new ArrayList<>();
            for (Map.Entry<String, String> h : headers) {
                out.add(h.getKey().equalsIgnoreCase(name) ? Map.entry(h.getKey(), value) : h);
            }
            return new Request(method, target, out, body);
        }

        Request add(String name, String value) {
            List<Map.Entry<String, String>> out = new ArrayList<>(headers);
            out.add(Map.entry(name, value));
            return new Request(method, target, out, body);
        }

        Request remove(String name) {
            List<Map.Entry<String, String>> out = new ArrayList<>(headers);
            out.removeIf(h -> h.getKey().equalsIgnoreCase(name));
            return new Request(method, target, out, body);
        }

        Request authorization(UnaryOperator<String> edit) {
            return replace("Authorization", edit.apply(header("Authorization")));
        }

        Request body(String text) {
            return new Request(method, target, headers, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A response: status, headers by lower-case name, body, and the raw text of all of it. */
    record Response(int status, Map<String, List<String>> headers, String body, String raw) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(",", values);
        }
    }

    /** What to sign: an operation of the Cognito target family and who signs it, when and where. */
    static final class Signing {
        private final String operation;
        private final String json;
        private final List<Map.Entry<String, String>> extraHeaders = new ArrayList<>();
        private String region = "us-east-1";
        private String service = "cognito-idp";
        private String accessKey = TestServer.ACCESS_KEY;
        private String secretKey = TestServer.SECRET_KEY;
        private String sessionToken;
        private Instant at;
        private boolean unsignedPayload;
        private boolean withoutTarget;

        private Signing(String operation, String json) {
            this.operation = operation;
            this.json = json;
        }

        Signing region(String value) {
            region = value;
            return this;
        }

        Signing service(String value) {
            service = value;
            return this;
        }

        Signing credentials(String access, String secret) {
            accessKey = access;
            secretKey = secret;
            return this;
        }

        Signing sessionToken(String value) {
            sessionToken = value;
            return this;
        }

        Signing at(Instant value) {
            at = value;
            return this;
        }

        /** The SDK then signs {@code UNSIGNED-PAYLOAD} in {@code X-Amz-Content-Sha256} (it does so only for https). */
        Signing unsignedPayload() {
            unsignedPayload = true;
            return this;
        }

        Signing withoutTarget() {
            withoutTarget = true;
            return this;
        }

        /** A header signed with the rest (appendHeader: a repeated name gives a repeated header line). */
        Signing header(String name, String value) {
            extraHeaders.add(Map.entry(name, value));
            return this;
        }

        Request sign(TestServer server) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String authority = "127.0.0.1:" + server.port();
            SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                    .uri(URI.create((unsignedPayload ? "https://" : "http://") + authority + "/"))
                    .putHeader("Host", authority)
                    .putHeader("Content-Type", JSON_11);
            if (!withoutTarget) {
                unsigned.putHeader("X-Amz-Target", TARGET + operation);
            }
            extraHeaders.forEach(h -> unsigned.appendHeader(h.getKey(), h.getValue()));
            AwsCredentialsIdentity identity = sessionToken == null
                    ? AwsCredentialsIdentity.create(accessKey, secretKey)
                    : AwsSessionCredentialsIdentity.create(accessKey, secretKey, sessionToken);
            Instant when = at == null ? Instant.now() : at;
            SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> {
                r.identity(identity)
                        .request(unsigned.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(when, ZoneOffset.UTC));
                if (unsignedPayload) {
                    r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false);
                }
            }).request();
            List<Map.Entry<String, String>> lines = new ArrayList<>();
            signed.forEachHeader((name, values) -> values.forEach(v -> lines.add(Map.entry(name, v))));
            return new Request("POST", "/", lines, body);
        }
    }

    static Signing cognito(String operation, String json) {
        return new Signing(operation, json);
    }

    static Response send(int port, Request request) throws IOException {
        StringBuilder head = new StringBuilder(request.method() + " " + request.target() + " HTTP/1.1\r\n");
        boolean hasLength = false;
        for (Map.Entry<String, String> h : request.headers()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            hasLength |= h.getKey().equalsIgnoreCase("Content-Length");
        }
        if (!hasLength) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        all.writeBytes(request.body());
        return sendRaw(port, all.toByteArray());
    }

    static Response sendRaw(int port, byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** A form POST to the token endpoint; each header is a whole "Name: value" line. */
    static Response token(int port, String target, String body, List<String> headers) throws IOException {
        StringBuilder head = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        all.writeBytes(bytes);
        return sendRaw(port, all.toByteArray());
    }

    static String basic(String id, String secret) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** The response's Date header as an instant (RFC 1123), or null. */
    static Instant date(Response response) {
        String value = response.header("Date");
        return value == null ? null : ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private static Response read(InputStream in) throws IOException {
        RawResponse r = RawResponse.read(in);
        return new Response(r.status(), r.headers(), r.body(), r.raw());
    }
}
