package dev.gatehouse.observe;

import dev.gatehouse.json.JsonStrings;

/**
 * The reference for {@link AccessLogLine}: the line as the access log formatted it before it wrote
 * bytes (a String, escaped by {@link JsonStrings#appendEscaped}, the time as {@link java.time.Instant#toString()}),
 * which the file then received as {@code getBytes(UTF_8)}.
 */
final class StringAccessLine {

    private StringAccessLine() {
    }

    static String toJson(AccessLogEntry e) {
        StringBuilder out = new StringBuilder("{\"requestTime\":\"").append(e.requestTime()).append('"');
        String[][] before = {{"requestId", e.requestId()}, {"apiId", e.apiId()}, {"stage", e.stage()},
                {"resourcePath", e.resourcePath()}, {"httpMethod", e.httpMethod()}, {"path", e.path()}};
        for (String[] field : before) {
            string(out, field[0], field[1]);
        }
        if (e.query() != null) {
            string(out, "query", e.query());
        }
        out.append(",\"status\":").append(e.status()).append(",\"responseLatency\":").append(e.responseLatency())
                .append(",\"integrationLatency\":").append(e.integrationLatency());
        string(out, "clientId", e.clientId());
        string(out, "sourceIp", e.sourceIp());
        string(out, "authorizerError", e.errorReason());
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        if (value == null) {
            out.append("null");
        } else {
            JsonStrings.appendEscaped(out.append('"'), value).append('"');
        }
    }
}
