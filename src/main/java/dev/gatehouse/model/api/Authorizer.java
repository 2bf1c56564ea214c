package dev.gatehouse.model.api;

import java.util.List;
import java.util.Objects;

/**
 * An authorizer of a REST API (API Gateway: Authorizer), plus Gatehouse's {@code JWT} type for any
 * OIDC issuer (HTTP API semantics, SPEC §6.4).
 *
 * @param type                         {@code COGNITO_USER_POOLS}, {@code JWT}; {@code TOKEN}/{@code REQUEST} are stored, refused at run time
 * @param providerArns                 COGNITO_USER_POOLS: user-pool ARNs
 * @param identitySource               e.g. {@code method.request.header.Authorization}
 * @param identityValidationExpression COGNITO_USER_POOLS: regex over {@code aud} (breaks M2M, SPEC §6.1)
 * @param resultTtlSeconds             0–3600, default 300
 * @param jwtIssuer                    JWT: the exact issuer
 * @param jwtAudience                  JWT: accepted {@code aud} (or {@code client_id} when there is no aud)
 */
public record Authorizer(
        String id,
        String name,
        String type,
        List<String> providerArns,
        String identitySource,
        String identityValidationExpression,
        int resultTtlSeconds,
        String jwtIssuer,
        List<String> jwtAudience) {

    public static final int DEFAULT_TTL_SECONDS = 300;

    public Authorizer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        providerArns = List.copyOf(providerArns);
        jwtAudience = List.copyOf(jwtAudience);
    }
}
