package dev.gatehouse.admin.sigv4;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The request exactly as received on the wire. rawPath and rawQuery are un-decoded as sent (rawQuery
 * null or "" when absent). headers: every header line in order, names as sent (case preserved),
 * duplicates kept. The body is read, never modified, by the verifier.
 */
public record SignedRequest(String method, String rawPath, String rawQuery,
                            List<Map.Entry<String, String>> headers, byte[] body) {

    private static final byte[] NO_BODY = new byte[0];

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
        body = body == null ? NO_BODY : body;
    }

    /** Header names only: values (Authorization, tokens) and the body may carry secrets. */
    @Override
    public String toString() {
        StringBuilder names = new StringBuilder();
        for (Map.Entry<String, String> header : headers) {
            names.append(names.length() == 0 ? "" : ",").append(header.getKey());
        }
        return "SignedRequest[" + method + " " + rawPath + ", headers=" + names + ", body=" + body.length + " bytes]";
    }
}
