package dev.gatehouse.admin.awsjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Anything the AWS SDK for Java v2 (the version in pom.xml) can send for a Gatehouse operation must be
 * known to the model: every member (by its wire name) and every enum value. Walks the SDK's generated
 * {@code SdkField} metadata recursively; enum classes are matched to model shapes by name.
 */
class SdkModelCoverageTest {

    private static final ServiceModel MODEL = ServiceModel.cognitoIdentityProvider();
    private static final String SDK_MODEL_PACKAGE = "software.amazon.awssdk.services.cognitoidentityprovider.model.";

    static List<String> gatehouseOperations() {
        return ServiceModelTest.gatehouseOperations();
    }

    @ParameterizedTest
    @MethodSource("gatehouseOperations")
    void requestWhenSdkCanSendMemberThenModelKnowsIt(String operation) throws Exception {
        List<String> missing = new ArrayList<>();
        Shape input = MODEL.shape(MODEL.operation(operation).orElseThrow().input().orElseThrow());
        walk(Class.forName(SDK_MODEL_PACKAGE + operation + "Request"), input, operation, missing, new HashSet<>());
        assertThat(missing).isEmpty();
    }

    private void walk(Class<?> sdkClass, Shape shape, String path, List<String> missing, Set<String> seen) throws Exception {
        if (!seen.add(sdkClass.getName())) {
            return;
        }
        for (SdkField<?> field : sdkFields(sdkClass)) {
            String fieldPath = path + "." + field.locationName();
            var member = shape.memberByJsonName(field.locationName());
            if (member.isEmpty()) {
                missing.add(fieldPath);
                continue;
            }
            Shape target = MODEL.shape(member.get().target());
            checkEnum(target, fieldPath, missing);
            SdkField<?> innermost = field;
            while (true) {
                if (innermost.containsTrait(ListTrait.class)) {
                    innermost = innermost.getTrait(ListTrait.class).memberFieldInfo();
                    target = MODEL.shape(target.listMember().orElseThrow());
                } else if (innermost.containsTrait(MapTrait.class)) {
                    innermost = innermost.getTrait(MapTrait.class).valueFieldInfo();
                    checkEnum(MODEL.shape(target.mapKey().orElseThrow()), fieldPath + "{key}", missing);
                    target = MODEL.shape(target.mapValue().orElseThrow());
                } else {
                    break;
                }
                checkEnum(target, fieldPath + "[]", missing);
            }
            if (innermost.marshallingType() == MarshallingType.SDK_POJO) {
                Class<?> nested = innermost.constructor().get().getClass().getEnclosingClass();
                walk(nested, target, fieldPath, missing, seen);
            }
        }
    }

    /** The SDK generates one Java enum per model enum shape, usually under the same name. */
    private void checkEnum(Shape shape, String path, List<String> missing) {
        if (!shape.isEnum()) {
            return;
        }
        Class<?> enumClass;
        try {
            enumClass = Class.forName(SDK_MODEL_PACKAGE + shape.name());
        } catch (ClassNotFoundException e) {
            return;
        }
        for (Object constant : enumClass.getEnumConstants()) {
            if (!((Enum<?>) constant).name().equals("UNKNOWN_TO_SDK_VERSION") && !shape.enumValues().contains(constant.toString())) {
                missing.add(path + "=" + constant);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<SdkField<?>> sdkFields(Class<?> sdkClass) throws Exception {
        if (!SdkPojo.class.isAssignableFrom(sdkClass)) {
            return List.of();
        }
        Field field = sdkClass.getDeclaredField("SDK_FIELDS");
        field.setAccessible(true);
        return (List<SdkField<?>>) field.get(null);
    }
}
