-- API Gateway REST APIs (issue 4). The editable definition (resources, methods, integrations,
-- authorizers) is one JSON document per API, changed under the row's lock; a deployment freezes a
-- copy of it. Times are epoch milliseconds. Change-log rows name "api:{id}" (DESIGN §3).

CREATE TABLE rest_api (
    id          VARCHAR(16)   NOT NULL PRIMARY KEY,
    region      VARCHAR(32)   NOT NULL,
    name        VARCHAR(1024) NOT NULL,
    description TEXT,
    created_at  BIGINT        NOT NULL,
    root_resource_id VARCHAR(16) NOT NULL,
    tags        TEXT          NOT NULL,
    definition  TEXT          NOT NULL
);
CREATE INDEX rest_api_region ON rest_api (region, id);

CREATE TABLE api_deployment (
    api_id      VARCHAR(16) NOT NULL REFERENCES rest_api (id),
    id          VARCHAR(16) NOT NULL,
    description TEXT,
    created_at  BIGINT      NOT NULL,
    snapshot    TEXT        NOT NULL,
    PRIMARY KEY (api_id, id)
);

-- A stage's deployment cannot be deleted while the stage points to it (as on API Gateway).
CREATE TABLE api_stage (
    api_id           VARCHAR(16)  NOT NULL REFERENCES rest_api (id),
    stage_name       VARCHAR(128) NOT NULL,
    deployment_id    VARCHAR(16)  NOT NULL,
    description      TEXT,
    variables        TEXT         NOT NULL,
    throttle         TEXT         NOT NULL,
    method_throttles TEXT         NOT NULL,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    PRIMARY KEY (api_id, stage_name),
    FOREIGN KEY (api_id, deployment_id) REFERENCES api_deployment (api_id, id)
);
