package dev.gatehouse.model.api;

import java.util.Objects;

/** One JSON-Patch-like edit of an Update* call (API Gateway: PatchOperation). */
public record PatchOperation(String op, String path, String value, String from) {

    public PatchOperation {
        Objects.requireNonNull(op, "op");
    }
}
