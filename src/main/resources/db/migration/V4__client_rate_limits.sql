-- Per-app-client issuance limits (GatehouseService.SetClientRateLimit). A client without a row
-- uses the node's default (--client-rate-limit). Goes with its client.
CREATE TABLE client_rate_limit (
    client_id       VARCHAR(128) NOT NULL PRIMARY KEY REFERENCES app_client (client_id) ON DELETE CASCADE,
    rate_per_second INTEGER      NOT NULL,
    burst           INTEGER      NOT NULL
);
