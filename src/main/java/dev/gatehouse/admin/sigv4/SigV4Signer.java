package dev.gatehouse.admin.sigv4;

import java.net.URI;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Client-side AWS SigV4 header signing for Gatehouse's own tools (the CLI), built from the same
 * canonical-request pieces the verifier uses, so both sides agree by construction. Signs
 * {@code host}, {@code x-amz-date} and every header given; returns the headers to send
 * ({@code X-Amz-Date}, {@code Authorization}) — the HTTP client sets {@code Host} itself.
 */
public final class SigV4Signer {

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;
    private final String service;
    private final SigningKeyCache signingKeys = new SigningKeyCache();

    public SigV4Signer(String accessKeyId, String secretAccessKey, String region, String service) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        this.region = Objects.requireNonNull(region, "region");
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * @param headers headers that will be sent and must be signed (e.g. Content-Type, X-Amz-Target),
     *                without Host, X-Amz-Date and Authorization
     * @return the X-Amz-Date and Authorization headers to add, in that order
     */
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body, Instant now) {
        AmzDate date = new AmzDate(AmzDate.format(now), now);
        Map<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value));
        signed.put("host", hostHeader(uri));
        signed.put("x-amz-date", date.text());
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        signed.forEach((name, value) -> lines.add(new AbstractMap.SimpleImmutableEntry<>(name, value)));
        List<String> signedHeaders = List.copyOf(signed.keySet());
        String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        SignedRequest request = new SignedRequest(method, rawPath, uri.getRawQuery(), lines, body);
        String canonical = CanonicalRequest.of(request, CanonicalQueryString.of(uri.getRawQuery()),
                RequestHeaders.of(lines), signedHeaders);
        CredentialScope scope = new CredentialScope(accessKeyId, date.day(), region, service, CredentialScope.TERMINATOR);
        byte[] signature = Digests.hmacSha256(signingKeys.signingKey(secretAccessKey, scope),
                StringToSign.of(date, scope, canonical));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("X-Amz-Date", date.text());
        out.put("Authorization", AuthorizationHeader.ALGORITHM + " Credential=" + accessKeyId + "/" + scope.scope()
                + ", SignedHeaders=" + String.join(";", signedHeaders)
                + ", Signature=" + HexFormat.of().formatHex(signature));
        return out;
    }

    /** What an HTTP client sends as Host: the host, and the port unless it is the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || port == 80 && "http".equalsIgnoreCase(uri.getScheme())
                || port == 443 && "https".equalsIgnoreCase(uri.getScheme());
        return uri.getHost() + (defaultPort ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return "SigV4Signer[" + accessKeyId + " " + region + "/" + service + "]";
    }
}
