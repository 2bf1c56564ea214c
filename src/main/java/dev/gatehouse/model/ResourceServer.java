package dev.gatehouse.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A resource server: an identifier, a name and up to 100 scopes (SPEC §3.3). */
public record ResourceServer(String poolId, String identifier, String name, List<Scope> scopes) {

    public static final int MAX_SCOPES = 100;
    /** Cognito quota: resource servers per pool (default, adjustable to 300 on AWS). */
    public static final int MAX_PER_POOL = 25;

    public ResourceServer {
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(name, "name");
        scopes = List.copyOf(scopes);
    }

    /** Full scope strings as clients request them: {@code identifier/scopeName}. */
    public List<String> fullScopeNames() {
        return scopes.stream().map(s -> identifier + "/" + s.name()).toList();
    }

    /** Business rules beyond the model's per-member limits. */
    public void validate() {
        if (scopes.size() > MAX_SCOPES) {
            throw Failure.limitExceeded("Resource server can have at most " + MAX_SCOPES + " scopes.");
        }
        Set<String> names = new HashSet<>();
        for (Scope scope : scopes) {
            if (!names.add(scope.name())) {
                throw Failure.invalidParameter("Duplicate scope names are not allowed: " + scope.name());
            }
            if ((identifier + "/" + scope.name()).length() > 256) {
                throw Failure.invalidParameter("The scope " + identifier + "/" + scope.name()
                        + " is longer than 256 characters.");
            }
        }
    }
}
