package dev.gatehouse.admin.awsjson;

import java.util.Objects;
import java.util.Optional;

/**
 * A structure member: its model name, the shape it targets and, for REST protocols, where it travels
 * ({@code location} header/uri/querystring, absent for the body) under which {@code locationName}.
 */
public record Member(String name, String target, Optional<String> location, Optional<String> locationName) {

    public Member {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(locationName, "locationName");
    }

    /** The JSON object key: awsJson always uses the member name; restJson body members may rename it. */
    public String jsonName() {
        return location.isEmpty() ? locationName.orElse(name) : name;
    }
}
