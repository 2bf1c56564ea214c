package dev.gatehouse.token.throttle;

/**
 * Counts failed client authentications per key, each failure decaying on its own, so a penalty
 * always ends (throttle, never lock out). This node's counter is {@link DecayingFailureCounter};
 * a cluster needs one all nodes share (DESIGN §6: the shared database or Redis) behind this same
 * interface, or an attacker gets each limit once per node.
 */
public interface FailureCounter {

    /**
     * Whole seconds until the key's decayed count falls below {@code threshold}; 0 when an attempt
     * is allowed now.
     */
    long retryAfterSeconds(String key, int threshold);

    /** One more failure under {@code key}. */
    void add(String key);
}
