package dev.gatehouse.testing;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Raw management calls signed by the real AWS SDK v2 signer, for the cases an SDK client will not
 * send (wrong content type, broken JSON, unknown targets).
 */
public final class SignedHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SignedHttp() {
    }

    public static HttpResponse<String> cognito(TestServer server, String target, String contentType, String body)
            throws IOException, InterruptedException {
        return send(server, target, contentType, body.getBytes(StandardCharsets.UTF_8), TestServer.SECRET_KEY);
    }

    /** A REST-JSON call to the API Gateway management API (signing name {@code apigateway}, us-east-1). */
    public static HttpResponse<String> apiGateway(TestServer server, String method, String path, String body)
            throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(server.baseUrl() + path);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(TestServer.ACCESS_KEY, TestServer.SECRET_KEY))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                        .putHeader("Content-Type", "application/json").build())
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "apigateway")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Host")) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> send(TestServer server, String target, String contentType, byte[] body,
                                            String secretKey) throws IOException, InterruptedException {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(server.baseUrl() + "/"));
        if (target != null) {
            unsigned.putHeader("X-Amz-Target", target);
        }
        if (contentType != null) {
            unsigned.putHeader("Content-Type", contentType);
        }
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(server.accessKey(), secretKey))
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cognito-idp")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Host")) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
