package dev.gatehouse.manage;

import dev.gatehouse.model.api.ApiFailure;
import dev.gatehouse.model.api.PatchOperation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Shared rules of API Gateway patch operations (JSON-Patch-like: op, path, value). */
final class ApiPatches {

    private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

    private ApiPatches() {
    }

    static void checkOp(PatchOperation patch) {
        if (!OPS.contains(patch.op())) {
            throw ApiFailure.badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'|"
                    + "'move'|'copy'|'test'");
        }
        if (patch.path() == null) {
            throw ApiFailure.badRequest("Invalid null path specified in patch operation");
        }
    }

    static ApiFailure invalidPath(PatchOperation patch) {
        return ApiFailure.badRequest("Invalid patch path '" + patch.path() + "' specified for op '" + patch.op() + "'");
    }

    static void requireOp(PatchOperation patch, String... allowed) {
        for (String op : allowed) {
            if (op.equals(patch.op())) {
                return;
            }
        }
        throw invalidPath(patch);
    }

    static String value(PatchOperation patch) {
        if (patch.value() == null) {
            throw ApiFailure.badRequest("Invalid null value specified for path '" + patch.path() + "'");
        }
        return patch.value();
    }

    static boolean booleanValue(PatchOperation patch) {
        String value = value(patch).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw ApiFailure.badRequest("Invalid boolean value specified for path '" + patch.path() + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** Decodes one JSON-Pointer segment ({@code ~1} is '/', {@code ~0} is '~'). */
    static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    /** add/remove of one list member, as for {@code /authorizationScopes} and {@code /providerARNs}. */
    static List<String> editList(List<String> current, PatchOperation patch) {
        List<String> out = new ArrayList<>(current);
        String value = value(patch);
        switch (patch.op()) {
            case "add" -> {
                if (!out.contains(value)) {
                    out.add(value);
                }
            }
            case "remove" -> out.remove(value);
            default -> throw invalidPath(patch);
        }
        return out;
    }
}
