package dev.gatehouse.testing;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * An SDK HTTP client over java.net.http: the SDK's URL-connection client cannot send PATCH, which
 * every API Gateway Update* operation uses, and no other SDK HTTP client is available offline.
 */
public final class JdkSdkHttpClient implements SdkHttpClient {

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                byte[] body = request.contentStreamProvider().isPresent()
                        ? request.contentStreamProvider().get().newStream().readAllBytes() : new byte[0];
                HttpRequest.Builder builder = HttpRequest.newBuilder(request.httpRequest().getUri())
                        .method(request.httpRequest().method().name(), body.length == 0
                                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                        .timeout(Duration.ofSeconds(30));
                request.httpRequest().forEachHeader((name, values) -> {
                    if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                        values.forEach(value -> builder.header(name, value));
                    }
                });
                try {
                    HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
                    SdkHttpResponse.Builder sdk = SdkHttpResponse.builder().statusCode(response.statusCode());
                    response.headers().map().forEach(sdk::putHeader);
                    InputStream stream = new ByteArrayInputStream(response.body());
                    return HttpExecuteResponse.builder().response(sdk.build())
                            .responseBody(AbortableInputStream.create(stream)).build();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public String clientName() {
        return "JdkHttpClient";
    }

    @Override
    public void close() {
    }
}
