-- A REST API's version label (CreateRestApi "version", an OpenAPI import's info.version) and the
-- tags of a stage (TagResource on arn:aws:apigateway:{region}::/restapis/{id}/stages/{name}).
-- Same SQL for H2 and PostgreSQL.

ALTER TABLE rest_api ADD COLUMN api_version VARCHAR(1024);
ALTER TABLE api_stage ADD COLUMN tags TEXT DEFAULT '{}' NOT NULL;
