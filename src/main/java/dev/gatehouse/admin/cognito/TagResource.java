package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.TagService;

import java.util.Map;

/** Cognito API: TagResource (user pools only). */
final class TagResource implements CognitoAction {

    private final TagService tags;

    TagResource(TagService tags) {
        this.tags = tags;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode input = call.input();
        String arn = Inputs.required(input, "ResourceArn");
        Map<String, String> given = Inputs.stringMap(input, "Tags");
        if (given == null) {
            Inputs.required(input, "Tags");
        }
        tags.tag(call.region(), arn, given);
        return Outputs.object();
    }
}
