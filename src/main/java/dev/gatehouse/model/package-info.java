/**
 * The domain: immutable records that validate themselves, plus the Cognito limits and rules that
 * the management API, the console and the CLI all share. Nothing here knows HTTP, JSON or SQL.
 */
package dev.gatehouse.model;
