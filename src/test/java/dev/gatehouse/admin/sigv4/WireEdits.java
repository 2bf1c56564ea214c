package dev.gatehouse.admin.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Edits made to a signed request after signing, as an attacker or a proxy on the path would. */
final class WireEdits {

    private WireEdits() {
    }

    static SignedRequest addHeader(SignedRequest request, String name, String value) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers());
        headers.add(Map.entry(name, value));
        return with(request, headers);
    }

    static SignedRequest replaceHeader(SignedRequest request, String name, String value) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.add(header.getKey().equalsIgnoreCase(name) ? Map.entry(header.getKey(), value) : header);
        }
        return with(request, headers);
    }

    static SignedRequest removeHeader(SignedRequest request, String name) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers());
        headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
        return with(request, headers);
    }

    static SignedRequest editAuthorization(SignedRequest request, UnaryOperator<String> edit) {
        return replaceHeader(request, "Authorization", edit.apply(header(request, "Authorization")));
    }

    static String header(SignedRequest request, String name) {
        return request.headers().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
    }

    static SignedRequest withBody(SignedRequest request, String body) {
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static SignedRequest withQuery(SignedRequest request, String rawQuery) {
        return new SignedRequest(request.method(), request.rawPath(), rawQuery, request.headers(), request.body());
    }

    static SignedRequest withPath(SignedRequest request, String rawPath) {
        return new SignedRequest(request.method(), rawPath, request.rawQuery(), request.headers(), request.body());
    }

    private static SignedRequest with(SignedRequest request, List<Map.Entry<String, String>> headers) {
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }
}
