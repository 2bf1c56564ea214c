package dev.gatehouse.admin.sigv4;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * AWS SigV4 canonical URI for every service except S3: the path as sent, with empty and dot
 * segments removed the way the AWS SDKs normalise it before signing, then URI-encoded once more
 * (so "%20" on the wire is "%2520" here). Callers that route on the path must refuse or normalise
 * dot segments the same way, so that routing sees the path that was signed.
 */
final class CanonicalUri {

    private CanonicalUri() {
    }

    static String of(String rawPath) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : rawPath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..") && !segments.isEmpty() && !segments.peekLast().equals("..")) {
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder uri = new StringBuilder(rawPath.length() + 16);
        for (Iterator<String> it = segments.iterator(); it.hasNext(); ) {
            uri.append('/');
            AwsUriEncoding.encode(it.next(), false, uri);
        }
        if (rawPath.endsWith("/")) {
            uri.append('/');
        }
        return uri.toString();
    }
}
