package dev.gatehouse.gateway.auth;

import dev.gatehouse.gateway.GatewayError;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.model.api.DeployedStage;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Optional;

/**
 * The authenticate + authorize stages of the pipeline: picks the method's authorizer and asks it.
 * {@code NONE} passes; {@code AWS_IAM}, {@code CUSTOM} and authorizers of type {@code TOKEN}/{@code REQUEST}
 * are stored but not run: 403 {@code Forbidden} ({@code unsupported_authorization}), never a 500 and
 * never an open door. Every denial is logged once with its reason code, never with the token.
 */
public final class MethodAuthorizer {

    private static final Logger LOG = LoggerFactory.getLogger("gatehouse.gateway.auth");

    private final CognitoUserPoolsAuthorizer cognito;
    private final JwtAuthorizer jwt;

    public MethodAuthorizer(CognitoUserPoolsAuthorizer cognito, JwtAuthorizer jwt) {
        this.cognito = cognito;
        this.jwt = jwt;
    }

    /** @param rawQuery the request's query string as received, or null: only to see a second credential in it */
    public Future<AuthDecision> authorize(DeployedStage stage, ApiMethod method, MultiMap headers, String rawQuery) {
        String type = method.authorizationType().toUpperCase(Locale.ROOT);
        if (type.equals("NONE")) {
            return Future.succeededFuture(AuthDecision.ANONYMOUS);
        }
        Optional<Authorizer> authorizer = method.authorizerId() == null ? Optional.empty()
                : stage.definition().authorizer(method.authorizerId());
        Future<AuthDecision> decision;
        if (authorizer.isEmpty() || !authorizer.get().type().equalsIgnoreCase(type)
                || !(type.equals("COGNITO_USER_POOLS") || type.equals("JWT"))) {
            decision = Future.succeededFuture(AuthDecision.deny(
                    GatewayError.unsupportedAuthorization("unsupported_authorization")));
        } else {
            BearerToken.Extracted token = BearerToken.extract(headers, authorizer.get().identitySource(), rawQuery);
            if (token.ambiguous()) {
                decision = Future.succeededFuture(AuthDecision.deny(GatewayError.invalidRequest("ambiguous_credentials")));
            } else if (type.equals("COGNITO_USER_POOLS")) {
                decision = Future.succeededFuture(cognito.decide(authorizer.get(), method, token.token()));
            } else {
                decision = jwt.decide(authorizer.get(), method, token.token());
            }
        }
        return decision.onSuccess(d -> {
            if (!d.allowed()) {
                LOG.info("denied api={} stage={} reason={} client={}", stage.stage().apiId(),
                        stage.stage().stageName(), d.error().reason(), d.clientId());
            }
        });
    }
}
