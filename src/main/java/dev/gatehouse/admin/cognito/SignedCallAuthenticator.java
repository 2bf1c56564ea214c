package dev.gatehouse.admin.cognito;

import dev.gatehouse.admin.AdminCredentials;
import dev.gatehouse.admin.sigv4.AwsRegionNames;
import dev.gatehouse.admin.sigv4.SigV4Exception;
import dev.gatehouse.admin.sigv4.SigV4Verifier;
import dev.gatehouse.admin.sigv4.SignedRequest;
import dev.gatehouse.admin.sigv4.VerifiedCaller;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import java.util.ArrayList;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Authenticates a management call by its SigV4 signature (DESIGN §8): the request exactly as
 * received goes to the verifier; its refusals keep AWS's error codes, which SDKs' clock-skew
 * correction depends on.
 */
public final class SignedCallAuthenticator implements CognitoEndpoint.Authenticator {

    private final SigV4Verifier verifier;

    public SignedCallAuthenticator(AdminCredentials credentials, Clock clock, String signingName) {
        this.verifier = new SigV4Verifier(credentials::secretKeyFor, clock, signingName, AwsRegionNames::isWellFormed);
    }

    @Override
    public CognitoEndpoint.Caller authenticate(HttpServerRequest request, byte[] body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().entries());
        if (request.version() == HttpVersion.HTTP_2 && request.authority() != null) {
            // HTTP/2 carries Host as :authority, which SigV4 signs as "host".
            headers.add(Map.entry("host", request.authority().toString()));
        }
        SignedRequest signed = new SignedRequest(request.method().name(), request.path(), request.query(), headers, body);
        try {
            VerifiedCaller caller = verifier.verify(signed);
            return new CognitoEndpoint.Caller(caller.accessKeyId(), caller.region());
        } catch (SigV4Exception refused) {
            throw new CognitoException(refused.code(), refused.httpStatus(), refused.getMessage());
        }
    }
}
