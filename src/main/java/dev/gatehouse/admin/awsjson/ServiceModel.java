package dev.gatehouse.admin.awsjson;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An AWS service model (the botocore {@code service-2.json} format) loaded once from the classpath.
 * Immutable and safe to share between threads.
 */
public final class ServiceModel {

    /** Cognito user pools, trimmed and extended by {@code tools/trim-aws-model.py}. */
    public static final String COGNITO_IDP_RESOURCE = "/dev/gatehouse/admin/awsjson/cognito-idp-2016-04-18.json";
    /** API Gateway (REST APIs), trimmed and extended by {@code tools/trim-aws-model.py}. */
    public static final String APIGATEWAY_RESOURCE = "/dev/gatehouse/admin/awsjson/apigateway-2015-07-09.json";

    private final ProtocolMetadata metadata;
    private final Map<String, Operation> operations;
    private final Map<String, Shape> shapes;

    ServiceModel(ProtocolMetadata metadata, Map<String, Operation> operations, Map<String, Shape> shapes) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.operations = Map.copyOf(operations);
        this.shapes = Map.copyOf(shapes);
    }

    /** Loads a model resource; fails fast on a malformed model, a dangling reference or a pattern Java cannot compile. */
    public static ServiceModel fromClasspath(String resource) {
        return ServiceModelLoader.load(resource);
    }

    public static ServiceModel cognitoIdentityProvider() {
        return fromClasspath(COGNITO_IDP_RESOURCE);
    }

    public static ServiceModel apiGateway() {
        return fromClasspath(APIGATEWAY_RESOURCE);
    }

    public ProtocolMetadata metadata() {
        return metadata;
    }

    public Optional<Operation> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public Set<String> operationNames() {
        return operations.keySet();
    }

    public Optional<Shape> findShape(String name) {
        return Optional.ofNullable(shapes.get(name));
    }

    /** A shape referenced by the model itself; the loader guarantees every reference resolves. */
    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("no shape " + name);
        }
        return shape;
    }

    public Set<String> shapeNames() {
        return shapes.keySet();
    }
}
