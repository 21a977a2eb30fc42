package dev.fogbank.apigatewayv2;

import dev.fogbank.core.error.AwsException;

/**
 * API Gateway v2's control-plane errors, as its model declares them: {@code BadRequestException}
 * (400), {@code NotFoundException} (404), {@code ConflictException} (409), {@code
 * TooManyRequestsException} (429), each with a {@code message}.
 */
public final class V2Errors {

  private V2Errors() {}

  public static AwsException badRequest(String message) {
    return new AwsException("BadRequestException", message, 400);
  }

  public static AwsException conflict(String message) {
    return new AwsException("ConflictException", message, 409);
  }

  /**
   * A missing resource, worded as API Gateway does: {@code Invalid API identifier specified
   * 123456789012:a1b2c3d4e5} (the account and the id).
   */
  public static AwsException notFound(String kind, String account, String id) {
    return new AwsException("NotFoundException", "Invalid " + kind + " identifier specified " + account + ":" + id, 404);
  }

  public static AwsException notFound(String message) {
    return new AwsException("NotFoundException", message, 404);
  }
}
