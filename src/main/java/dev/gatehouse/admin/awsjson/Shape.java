package dev.gatehouse.admin.awsjson;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One shape of the service model with the traits input validation needs.
 *
 * @param min               {@code min} trait: length for strings/lists/maps/blobs, value for numbers
 * @param max               {@code max} trait, same meaning
 * @param patternSource     the model's regex text, printed verbatim in validation messages
 * @param pattern           {@code patternSource} compiled once; matched against the whole value
 * @param enumValues        enum values in model order
 * @param enumMessageOrder  the same values in the order Coral prints them (see {@link EnumMessageOrder})
 * @param listMember        target of a list's {@code member}
 * @param mapKey            target of a map's {@code key}
 * @param mapValue          target of a map's {@code value}
 */
public record Shape(
        String name,
        ShapeType type,
        List<Member> members,
        Set<String> required,
        Optional<BigDecimal> min,
        Optional<BigDecimal> max,
        Optional<String> patternSource,
        Optional<Pattern> pattern,
        List<String> enumValues,
        List<String> enumMessageOrder,
        boolean sensitive,
        Optional<String> listMember,
        Optional<String> mapKey,
        Optional<String> mapValue,
        boolean exception) {

    public Shape {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        members = List.copyOf(members);
        required = Set.copyOf(required);
        enumValues = List.copyOf(enumValues);
        enumMessageOrder = List.copyOf(enumMessageOrder);
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(patternSource, "patternSource");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(listMember, "listMember");
        Objects.requireNonNull(mapKey, "mapKey");
        Objects.requireNonNull(mapValue, "mapValue");
    }

    public Optional<Member> member(String memberName) {
        return members.stream().filter(m -> m.name().equals(memberName)).findFirst();
    }

    public Optional<Member> memberByJsonName(String jsonName) {
        return members.stream().filter(m -> m.jsonName().equals(jsonName)).findFirst();
    }

    public boolean isRequired(String memberName) {
        return required.contains(memberName);
    }

    public boolean isEnum() {
        return !enumValues.isEmpty();
    }
}
