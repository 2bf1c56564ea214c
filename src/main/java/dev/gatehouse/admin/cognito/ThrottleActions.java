package dev.gatehouse.admin.cognito;

import dev.gatehouse.manage.ClientRateLimitService;
import dev.gatehouse.manage.ManageContext;

import java.util.Map;

/** Gatehouse operations of abuse protection (target prefix GatehouseService.). */
public final class ThrottleActions {

    private ThrottleActions() {
    }

    public static Map<String, CognitoAction> create(ManageContext manage) {
        return Map.of("SetClientRateLimit", new SetClientRateLimit(new ClientRateLimitService(manage)));
    }
}
