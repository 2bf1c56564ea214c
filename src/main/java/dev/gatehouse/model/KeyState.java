package dev.gatehouse.model;

/**
 * Life of a signing key at an instant, derived from its times by {@link KeyRing}: published before
 * it signs (so cached JWKS never meet an unknown kid), published after it stops signing until its
 * last token has expired, then expired; a revoked key is neither published nor used.
 */
public enum KeyState {
    PENDING, ACTIVE, RETIRED, EXPIRED, REVOKED;

    /** Whether a key in this state belongs in the pool's JWKS. */
    public boolean published() {
        return this == PENDING || this == ACTIVE || this == RETIRED;
    }
}
