package dev.gatehouse.model;

/**
 * Life of a signing key: published before it signs (so cached JWKS never meet an unknown kid),
 * published after it stops signing until its last token has expired.
 */
public enum KeyState {
    PENDING, ACTIVE, RETIRED
}
