package dev.gatehouse.observe;

/** Where audit events go. Recording never blocks the caller and never fails its request. */
public interface AuditLog {

    void record(AuditEvent event);

    /** Discards everything: for tools and tests that do not audit. */
    AuditLog NONE = event -> { };
}
