package dev.fogbank.apigw;

import dev.fogbank.core.error.AwsException;

/**
 * API Gateway's control-plane errors, as its model declares them: BadRequestException (400),
 * NotFoundException (404), ConflictException (409). The messages are the ones API Gateway sends.
 */
public final class ApiGatewayErrors {

  private ApiGatewayErrors() {}

  public static AwsException badRequest(String message) {
    return new AwsException("BadRequestException", message, 400);
  }

  public static AwsException notFound(String message) {
    return new AwsException("NotFoundException", message, 404);
  }

  public static AwsException conflict(String message) {
    return new AwsException("ConflictException", message, 409);
  }

  /** GetRestApi and every sub-resource call on an unknown API: "Invalid API identifier specified 000000000000:abc". */
  public static AwsException apiNotFound(String account, String apiId) {
    return notFound("Invalid API identifier specified " + account + ":" + apiId);
  }

  public static AwsException resourceNotFound() {
    return notFound("Invalid Resource identifier specified");
  }

  public static AwsException methodNotFound() {
    return notFound("Invalid Method identifier specified");
  }

  public static AwsException integrationNotFound() {
    return notFound("Invalid Integration identifier specified");
  }

  public static AwsException responseNotFound() {
    return notFound("Invalid Response status code specified");
  }

  public static AwsException stageNotFound() {
    return notFound("Invalid Stage identifier specified");
  }

  public static AwsException deploymentNotFound() {
    return notFound("Invalid Deployment identifier specified");
  }
}
