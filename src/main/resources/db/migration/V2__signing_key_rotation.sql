-- Zero-downtime signing-key rotation (docs/key-rotation.md). A key's state is derived from these
-- times at each instant (model/KeyRing), never stored, so every node agrees without coordination.
-- Runs unchanged on H2 and PostgreSQL.

-- When the key starts signing; keys before V2 signed from their creation.
ALTER TABLE signing_key ADD COLUMN activate_at BIGINT;
UPDATE signing_key SET activate_at = created_at;
ALTER TABLE signing_key ALTER COLUMN activate_at SET NOT NULL;

-- Emergency removal: a revoked key is never published and never signs again.
ALTER TABLE signing_key ADD COLUMN revoked_at BIGINT;

-- The stored state of V1 is replaced by the times above.
ALTER TABLE signing_key DROP COLUMN state;

-- Per-pool rotation policy; no row (or NULL members) means the server's defaults.
CREATE TABLE pool_key_policy (
    pool_id                 VARCHAR(55) NOT NULL PRIMARY KEY REFERENCES user_pool (id) ON DELETE CASCADE,
    rotation_period_days    INTEGER,
    pre_publication_seconds INTEGER
);
