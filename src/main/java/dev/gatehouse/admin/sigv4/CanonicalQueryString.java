package dev.gatehouse.admin.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * AWS SigV4 canonical query string: each key and value decoded once and URI-encoded again, sorted by
 * encoded key then value, joined as k=v with '&' ('=' present even when the value is empty).
 * Query-string (presigned) credentials are refused, never verified (CVE-2026-41145 class).
 */
final class CanonicalQueryString {

    private static final String PRESIGNED_PREFIX = "x-amz-";

    private static final Comparator<String[]> BY_KEY_THEN_VALUE =
            Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]);

    private CanonicalQueryString() {
    }

    static String of(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String parameter : rawQuery.split("&", -1)) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            pairs.add(new String[] {encodedComponent(key, true), encodedComponent(value, false)});
        }
        pairs.sort(BY_KEY_THEN_VALUE);
        StringBuilder query = new StringBuilder(rawQuery.length() + 16);
        for (String[] pair : pairs) {
            query.append(query.length() == 0 ? "" : "&").append(pair[0]).append('=').append(pair[1]);
        }
        return query.toString();
    }

    private static String encodedComponent(String raw, boolean isKey) {
        byte[] decoded = AwsUriEncoding.decodeQueryComponent(raw);
        if (isKey && isPresignedParameter(decoded)) {
            throw SigV4Exception.incompleteSignature(
                    "Query-string authentication is not supported; sign the request with the Authorization header.");
        }
        StringBuilder encoded = new StringBuilder(decoded.length + 8);
        AwsUriEncoding.encodeBytes(decoded, encoded);
        return encoded.toString();
    }

    /** X-Amz-Credential, X-Amz-Signature, X-Amz-Algorithm ... in any letter case. */
    private static boolean isPresignedParameter(byte[] key) {
        if (key.length < PRESIGNED_PREFIX.length()) {
            return false;
        }
        String prefix = new String(key, 0, PRESIGNED_PREFIX.length(), StandardCharsets.ISO_8859_1);
        return prefix.toLowerCase(Locale.ROOT).equals(PRESIGNED_PREFIX);
    }
}
