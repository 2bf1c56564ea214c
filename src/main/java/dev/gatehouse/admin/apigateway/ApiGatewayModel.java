package dev.gatehouse.admin.apigateway;

import dev.gatehouse.admin.awsjson.RestJsonBodyReader;
import dev.gatehouse.admin.awsjson.ServiceModel;

/**
 * The botocore apigateway 2015-07-09 model (with Gatehouse's additions), loaded once: it validates
 * request bodies and names every operation, served or not.
 */
final class ApiGatewayModel {

    static final ServiceModel MODEL = ServiceModel.apiGateway();
    static final RestJsonBodyReader BODY_READER = new RestJsonBodyReader(MODEL);

    private ApiGatewayModel() {
    }
}
