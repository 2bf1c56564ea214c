package dev.gatehouse.oauth;

import dev.gatehouse.observe.AuditEvent;
import dev.gatehouse.observe.AuditLog;
import dev.gatehouse.runtime.Blocking;
import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.token.Revocations;
import dev.gatehouse.token.TokenError;
import dev.gatehouse.token.TokenVerification;
import dev.gatehouse.token.VerifiedAccessToken;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /oauth2/revoke} (RFC 7009) for access tokens — Gatehouse's addition: Cognito's
 * endpoint revokes refresh tokens only and cannot revoke client-credentials tokens (SPEC §5.4).
 * Cognito's shape is kept: client authentication as at the token endpoint (401
 * {@code invalid_client}), {@code token} required (400 {@code invalid_request}), 400
 * {@code invalid_request} when the client's EnableTokenRevocation is false, 200 with an empty body
 * otherwise.
 *
 * <p>Decisions (SECURITY §1.4, docs/revocation.md):
 * <ul>
 *   <li>an invalid, expired, unknown or already revoked token → 200 (RFC 7009 §2.2);</li>
 *   <li>a valid token of another client → 200 and nothing revoked (RFC 7009 §2.1: the server
 *       verifies the token was issued to the caller; answering alike gives no existence oracle);</li>
 *   <li>{@code token_type_hint} is only a hint (RFC 7009 §2.1): any value is accepted, the token
 *       is always looked up as an access token — the only kind Gatehouse issues — so
 *       {@code unsupported_token_type} never arises.</li>
 * </ul>
 * The store write runs on a worker thread; the answer is sent once every verifier here refuses the token.
 */
public final class RevocationEndpoint {

    static final String EVENT = "TokenRevoked";

    private final AuthenticatedForms forms;
    private final AccessTokenVerifier verifier;
    private final Revocations revocations;
    private final Blocking blocking;
    private final AuditLog audit;
    private final Clock clock;

    RevocationEndpoint(AuthenticatedForms forms, AccessTokenVerifier verifier, Revocations revocations,
                       Blocking blocking, AuditLog audit, Clock clock) {
        this.forms = Objects.requireNonNull(forms, "forms");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void handle(RoutingContext ctx) {
        forms.handle(ctx, "revoke", this::revoke);
    }

    private void revoke(AuthenticatedForms.Request request) {
        String token = request.form().get("token");
        if (token == null || token.isEmpty()) {
            throw TokenError.invalidRequest("token is required.");
        }
        if (!request.client().enableTokenRevocation()) {
            // Cognito: revocation disabled for the app client → invalid_request (SPEC §5.4).
            throw TokenError.invalidRequest("Token revocation is not enabled for this client.");
        }
        TokenVerification verification = verifier.verify(token, request.client().poolId());
        if (!(verification instanceof VerifiedAccessToken verified)) {
            OAuthResponses.success(request.ctx().response(), request.requestId(), clock, "");
            return;
        }
        if (!verified.clientId().equals(request.client().clientId())) {
            record(request, verified, "not_owner");
            OAuthResponses.success(request.ctx().response(), request.requestId(), clock, "");
            return;
        }
        blocking.run(() -> {
            revocations.revoke(verified);
            return null;
        }).onSuccess(ignored -> {
            record(request, verified, AuditEvent.SUCCESS);
            OAuthResponses.success(request.ctx().response(), request.requestId(), clock, "");
        }).onFailure(failure -> {
            record(request, verified, "server_error");
            OAuthResponses.serverError(request.ctx().response(), request.requestId(), clock, failure);
        });
    }

    /** One audit event: the jti and the client, never the token. */
    private void record(AuthenticatedForms.Request request, VerifiedAccessToken token, String outcome) {
        audit.record(new AuditEvent(clock.instant(), EVENT, outcome, request.client().clientId(),
                request.sourceAddress(), token.jti(), Map.of("pool", token.poolId(), "client", token.clientId())));
    }
}
