package dev.gatehouse.observe;

import dev.gatehouse.json.JsonBytes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One {@link AccessLogEntry} as a JSON object in UTF-8, written by hand straight into bytes: a
 * generator per line (Jackson, before) cost more than the rest of the line's formatting together, and
 * a String would only be encoded again for the file.
 */
final class AccessLogLine {

    private static final byte[] REQUEST_TIME = ascii("{\"requestTime\":\"");
    private static final byte[] REQUEST_ID = ascii("\",\"requestId\":");
    private static final byte[] API_ID = ascii(",\"apiId\":");
    private static final byte[] STAGE = ascii(",\"stage\":");
    private static final byte[] RESOURCE_PATH = ascii(",\"resourcePath\":");
    private static final byte[] HTTP_METHOD = ascii(",\"httpMethod\":");
    private static final byte[] PATH = ascii(",\"path\":");
    private static final byte[] QUERY = ascii(",\"query\":");
    private static final byte[] STATUS = ascii(",\"status\":");
    private static final byte[] RESPONSE_LATENCY = ascii(",\"responseLatency\":");
    private static final byte[] INTEGRATION_LATENCY = ascii(",\"integrationLatency\":");
    private static final byte[] CLIENT_ID = ascii(",\"clientId\":");
    private static final byte[] SOURCE_IP = ascii(",\"sourceIp\":");
    private static final byte[] AUTHORIZER_ERROR = ascii(",\"authorizerError\":");
    private static final byte[] NULL = ascii("null");

    /** Only a racy cache of immutables, read by every event loop: at worst a second is formatted twice. */
    private static volatile SecondPrefix lastSecond;

    private AccessLogLine() {
    }

    static void write(AccessLogEntry e, JsonBytes out) {
        out.append(REQUEST_TIME);
        appendInstant(e.requestTime(), out);
        out.append(REQUEST_ID);
        string(out, e.requestId());
        out.append(API_ID);
        string(out, e.apiId());
        out.append(STAGE);
        string(out, e.stage());
        out.append(RESOURCE_PATH);
        string(out, e.resourcePath());
        out.append(HTTP_METHOD);
        string(out, e.httpMethod());
        out.append(PATH);
        string(out, e.path());
        if (e.query() != null) {
            out.append(QUERY);
            string(out, e.query());
        }
        out.append(STATUS).append(e.status());
        out.append(RESPONSE_LATENCY).append(e.responseLatency());
        out.append(INTEGRATION_LATENCY).append(e.integrationLatency());
        out.append(CLIENT_ID);
        string(out, e.clientId());
        out.append(SOURCE_IP);
        string(out, e.sourceIp());
        out.append(AUTHORIZER_ERROR);
        string(out, e.errorReason());
        out.append('}');
    }

    /** The line as a String, for tests and readers. */
    static String toJson(AccessLogEntry e) {
        JsonBytes out = new JsonBytes(256);
        write(e, out);
        return out.toString();
    }

    private static void string(JsonBytes out, String value) {
        if (value == null) {
            out.append(NULL);
        } else {
            out.append('"').appendEscaped(value).append('"');
        }
    }

    /**
     * {@link Instant#toString()} (ISO-8601, fraction in groups of three digits as needed) with the
     * date and time of day formatted once per second: the formatter was a visible share of a line.
     */
    static void appendInstant(Instant time, JsonBytes out) {
        SecondPrefix cached = lastSecond;
        if (cached == null || cached.epochSecond != time.getEpochSecond()) {
            String full = Instant.ofEpochSecond(time.getEpochSecond()).toString();
            cached = new SecondPrefix(time.getEpochSecond(), ascii(full.substring(0, full.length() - 1)));
            lastSecond = cached;
        }
        out.append(cached.text);
        int nanos = time.getNano();
        if (nanos != 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                out.appendDigits(nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                out.appendDigits(nanos / 1_000, 6);
            } else {
                out.appendDigits(nanos, 9);
            }
        }
        out.append('Z');
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private record SecondPrefix(long epochSecond, byte[] text) {
    }
}
