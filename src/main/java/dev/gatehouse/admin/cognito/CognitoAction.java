package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Cognito API operation (one class each, named after the action). Runs on a worker thread,
 * so it may block on the store. Refusals are thrown as {@link dev.gatehouse.model.Failure} or
 * {@link CognitoException}; the returned object is the operation's output ({@code {}} when empty).
 */
@FunctionalInterface
public interface CognitoAction {

    ObjectNode handle(CognitoCall call);
}
