package dev.gatehouse.admin.sigv4;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Requests signed by the real AWS SDK v2 signer, as builders so each test changes one field. */
final class SdkSignedRequests {

    static final String ACCESS_KEY_ID = "AKIAGATEHOUSETEST001";
    static final String SECRET_KEY = "gH7/x+Q2k9LmN0pRsT4uVwXyZ1aBcDeFgHiJkLmN";
    static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private SdkSignedRequests() {
    }

    static CredentialLookup knownKeys() {
        return id -> id.equals(ACCESS_KEY_ID) ? Optional.of(SECRET_KEY) : Optional.empty();
    }

    static SigV4Verifier cognitoVerifier() {
        return new SigV4Verifier(knownKeys(), CLOCK, "cognito-idp", AwsRegionNames::isWellFormed);
    }

    /** Cognito JSON 1.1: POST / with X-Amz-Target, as the SDK's CognitoIdentityProviderClient sends it. */
    static Builder cognito(String action, String json) {
        return new Builder(SdkHttpMethod.POST, "http://cognito-idp.us-east-1.gatehouse.test/", "cognito-idp")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + action)
                .body(json);
    }

    static Builder cognitoListUserPools() {
        return cognito("ListUserPools", "{\"MaxResults\":10}");
    }

    /** API Gateway REST: a GET with a path and query string. */
    static Builder apiGateway(String pathAndQuery) {
        return new Builder(SdkHttpMethod.GET, "http://apigateway.us-east-1.gatehouse.test" + pathAndQuery, "apigateway")
                .header("Accept", "application/json");
    }

    static final class Builder {
        private final SdkHttpMethod method;
        private final String uri;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private final List<Consumer<SdkHttpRequest.Builder>> edits = new ArrayList<>();
        private String service;
        private String region = "us-east-1";
        private String accessKeyId = ACCESS_KEY_ID;
        private String secretKey = SECRET_KEY;
        private String sessionToken;
        private Instant signedAt = NOW;
        private byte[] body = new byte[0];
        private boolean https;
        private Boolean payloadSigning;
        private boolean presigned;

        private Builder(SdkHttpMethod method, String uri, String service) {
            this.method = method;
            this.uri = uri;
            this.service = service;
        }

        Builder header(String name, String value) {
            headers.add(Map.entry(name, value));
            return this;
        }

        Builder withoutHeader(String name) {
            headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
            return this;
        }

        Builder queryParameter(String name, String value) {
            edits.add(b -> b.appendRawQueryParameter(name, value));
            return this;
        }

        Builder body(String text) {
            this.body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        Builder service(String service) {
            this.service = service;
            return this;
        }

        Builder region(String region) {
            this.region = region;
            return this;
        }

        Builder credentials(String accessKeyId, String secretKey) {
            this.accessKeyId = accessKeyId;
            this.secretKey = secretKey;
            return this;
        }

        Builder sessionToken(String sessionToken) {
            this.sessionToken = sessionToken;
            return this;
        }

        Builder signedAt(Instant signedAt) {
            this.signedAt = signedAt;
            return this;
        }

        /** https with payload signing off: the SDK signs "UNSIGNED-PAYLOAD". */
        Builder unsignedPayload() {
            this.https = true;
            this.payloadSigning = false;
            return this;
        }

        /** Credentials in the query string (X-Amz-Credential, X-Amz-Signature), no Authorization header. */
        Builder presigned() {
            this.presigned = true;
            return this;
        }

        SignedRequest sign() {
            SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method)
                    .uri(URI.create(https ? uri.replaceFirst("^http:", "https:") : uri));
            headers.forEach(h -> request.appendHeader(h.getKey(), h.getValue()));
            edits.forEach(edit -> edit.accept(request));
            AwsCredentialsIdentity identity = sessionToken == null
                    ? AwsCredentialsIdentity.create(accessKeyId, secretKey)
                    : AwsSessionCredentialsIdentity.create(accessKeyId, secretKey, sessionToken);
            SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> {
                r.identity(identity)
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC));
                if (payloadSigning != null) {
                    r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning);
                }
                if (presigned) {
                    r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING);
                }
            }).request();
            return asReceived(signed, body);
        }
    }

    /** What a server would see on the wire for the SDK's signed request. */
    static SignedRequest asReceived(SdkHttpRequest signed, byte[] body) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        signed.forEachHeader((name, values) -> values.forEach(value -> lines.add(Map.entry(name, value))));
        URI uri = signed.getUri();
        return new SignedRequest(signed.method().name(), uri.getRawPath(), uri.getRawQuery(), lines, body);
    }
}
