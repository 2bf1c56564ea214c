/**
 * Management services: the business rules of creating, changing and deleting pools, domains,
 * resource servers and app clients, shared by the management API, the console and the CLI. Each
 * write is one store transaction followed by a refresh of the in-memory directory.
 */
package dev.gatehouse.manage;
