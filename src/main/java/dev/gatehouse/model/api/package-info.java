/**
 * API Gateway REST APIs as Gatehouse models them: the definition a user edits through the
 * management API ({@link dev.gatehouse.model.api.ApiDefinition}), the frozen copy a deployment
 * takes of it, and the stage that serves a deployment. Immutable records; no HTTP, JSON or SQL.
 */
package dev.gatehouse.model.api;
