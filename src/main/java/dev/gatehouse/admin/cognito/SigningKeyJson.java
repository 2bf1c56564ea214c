package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.KeyState;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.model.SigningKeyPolicy;

import java.time.Duration;
import java.util.List;

/** Signing-key descriptors of Gatehouse's key operations: identifiers, use, algorithm, state and times — never key material. */
final class SigningKeyJson {

    private SigningKeyJson() {
    }

    static ObjectNode descriptor(SigningKey key, KeyState state) {
        ObjectNode out = Outputs.object();
        out.put("Kid", key.kid());
        out.put("Use", key.purpose() == KeyPurpose.ACCESS ? "access" : "id");
        out.put("Algorithm", key.algorithm().name());
        out.put("State", state.name());
        out.set("CreationDate", Outputs.timestamp(key.creationDate()));
        out.set("ActivationDate", Outputs.timestamp(key.activationDate()));
        if (key.revocationDate() != null) {
            out.set("RevocationDate", Outputs.timestamp(key.revocationDate()));
        }
        return out;
    }

    static ArrayNode descriptors(List<ObjectNode> keys) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        keys.forEach(array::add);
        return array;
    }

    /**
     * The policy as set, and the pre-publication delay in effect (the server's default when unset);
     * {@code SigningAlgorithm} is the algorithm of the next rotation's keys.
     */
    static ObjectNode policy(SigningKeyPolicy policy, Duration effectivePrePublication) {
        ObjectNode out = Outputs.object();
        out.put("RotationPeriodDays", policy.rotationPeriodDays() == null ? 0 : policy.rotationPeriodDays());
        out.put("PrePublicationSeconds", effectivePrePublication.toSeconds());
        out.put("PrePublicationIsDefault", policy.prePublicationSeconds() == null);
        out.put("SigningAlgorithm", policy.algorithm().name());
        return out;
    }
}
