package dev.gatehouse.admin.sigv4;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The received header lines grouped by lower-case name, values kept in received order. */
final class RequestHeaders {

    private final Map<String, List<String>> valuesByName;

    private RequestHeaders(Map<String, List<String>> valuesByName) {
        this.valuesByName = valuesByName;
    }

    static RequestHeaders of(List<Map.Entry<String, String>> lines) {
        Map<String, List<String>> byName = new HashMap<>(lines.size() * 2);
        for (Map.Entry<String, String> line : lines) {
            String name = line.getKey().toLowerCase(Locale.ROOT);
            String value = line.getValue() == null ? "" : line.getValue();
            byName.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
        return new RequestHeaders(byName);
    }

    boolean has(String lowerCaseName) {
        return valuesByName.containsKey(lowerCaseName);
    }

    int count(String lowerCaseName) {
        List<String> values = valuesByName.get(lowerCaseName);
        return values == null ? 0 : values.size();
    }

    /** All values of the header in received order; empty when absent. */
    List<String> values(String lowerCaseName) {
        return valuesByName.getOrDefault(lowerCaseName, List.of());
    }

    /** The one value of a header that must not repeat; null when absent. */
    String single(String lowerCaseName) {
        List<String> values = valuesByName.get(lowerCaseName);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw SigV4Exception.incompleteSignature("The request must not repeat the '" + lowerCaseName + "' header.");
        }
        return values.get(0);
    }

    Set<String> names() {
        return valuesByName.keySet();
    }
}
