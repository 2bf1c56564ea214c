-- Token revocation for client-credentials tokens (Cognito cannot revoke them, SPEC §5.4).
-- Runs unchanged on H2 and PostgreSQL. Times are epoch milliseconds, as in V1.

-- A disabled client gets invalid_client and its tokens stop verifying; tokens_revoked_before
-- revokes every token of the client issued at or before that instant (RevokeClientTokens,
-- DisableUserPoolClient). Enabling a client never clears it.
ALTER TABLE app_client ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE app_client ADD COLUMN tokens_revoked_before BIGINT;

-- One row per revoked access token (RFC 7009), kept until the token would have expired and then
-- purged. Keyed by jti, never by the token text (SECURITY JW-24).
CREATE TABLE revoked_token (
    jti        VARCHAR(64)  NOT NULL PRIMARY KEY,
    pool_id    VARCHAR(55)  NOT NULL REFERENCES user_pool (id) ON DELETE CASCADE,
    client_id  VARCHAR(128) NOT NULL REFERENCES app_client (client_id) ON DELETE CASCADE,
    expires_at BIGINT       NOT NULL,
    revoked_at BIGINT       NOT NULL
);
CREATE INDEX revoked_token_pool ON revoked_token (pool_id);
CREATE INDEX revoked_token_expiry ON revoked_token (expires_at);
