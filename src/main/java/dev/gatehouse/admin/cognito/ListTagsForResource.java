package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.TagService;

/** Cognito API: ListTagsForResource. */
final class ListTagsForResource implements CognitoAction {

    private final TagService tags;

    ListTagsForResource(TagService tags) {
        this.tags = tags;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode out = Outputs.object();
        out.set("Tags", Outputs.stringMap(tags.list(call.region(), Inputs.required(call.input(), "ResourceArn"))));
        return out;
    }
}
