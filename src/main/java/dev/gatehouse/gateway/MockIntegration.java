package dev.gatehouse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.json.SharedMapper;
import dev.gatehouse.model.api.Integration;
import dev.gatehouse.model.api.IntegrationResponse;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code MOCK} integrations (SPEC §7): the status comes from {@code requestTemplates["application/json"]}
 * ({@code {"statusCode": N}}, 200 when absent or unreadable); the integration response whose
 * {@code selectionPattern} matches that status (else the default one) gives the method's status and
 * its {@code responseTemplates["application/json"]} the body. Templates are used verbatim (no VTL).
 */
final class MockIntegration {

    record Answer(int status, String body) {
    }

    private static final ObjectMapper JSON = SharedMapper.get();

    private MockIntegration() {
    }

    static Answer answer(Integration integration) {
        int selected = 200;
        String template = integration.requestTemplates().get("application/json");
        if (template != null) {
            try {
                JsonNode status = JSON.readTree(template).path("statusCode");
                if (status.canConvertToInt()) {
                    selected = status.asInt();
                }
            } catch (java.io.IOException | RuntimeException e) {
                selected = 200;
            }
        }
        IntegrationResponse chosen = null;
        IntegrationResponse fallback = null;
        for (IntegrationResponse response : integration.integrationResponses().values()) {
            String pattern = response.selectionPattern();
            if (pattern == null || pattern.isEmpty()) {
                fallback = response;
            } else if (matches(pattern, Integer.toString(selected))) {
                chosen = response;
            }
        }
        if (chosen == null) {
            chosen = fallback;
        }
        if (chosen == null) {
            return new Answer(selected, "");
        }
        String body = chosen.responseTemplates().getOrDefault("application/json", "");
        int status;
        try {
            status = Integer.parseInt(chosen.statusCode());
        } catch (NumberFormatException | NullPointerException e) {
            status = selected;
        }
        return new Answer(status, body == null ? "" : body);
    }

    private static boolean matches(String pattern, String status) {
        try {
            return Pattern.compile(pattern).matcher(status).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
