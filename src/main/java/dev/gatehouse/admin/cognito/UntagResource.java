package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.TagService;

import java.util.List;

/** Cognito API: UntagResource. */
final class UntagResource implements CognitoAction {

    private final TagService tags;

    UntagResource(TagService tags) {
        this.tags = tags;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode input = call.input();
        String arn = Inputs.required(input, "ResourceArn");
        List<String> keys = Inputs.strings(input, "TagKeys");
        if (keys == null) {
            Inputs.required(input, "TagKeys");
        }
        tags.untag(call.region(), arn, keys);
        return Outputs.object();
    }
}
