-- ES256 signing keys (docs/key-rotation.md). signing_key.algorithm (V1) already names each key's
-- algorithm ('RS256' or 'ES256'); the pool's policy now names the algorithm of the keys its next
-- rotation makes. Pools without a policy row, and every row before V9, keep RS256 (Cognito's).
-- Runs unchanged on H2 and PostgreSQL.
ALTER TABLE pool_key_policy ADD COLUMN algorithm VARCHAR(8) DEFAULT 'RS256' NOT NULL;
