package dev.fogbank.apigw.invoke;

/**
 * A request the gateway answers itself, by one of API Gateway's gateway response types ({@code
 * MISSING_AUTHENTICATION_TOKEN}, {@code THROTTLED}, {@code INTEGRATION_TIMEOUT}…) and the message
 * that {@code $context.error.message} carries; {@code status} overrides the type's default status
 * (a Lambda error is DEFAULT_5XX answered with 502).
 */
public final class GatewayError extends RuntimeException {

  private final String type;
  private final Integer status;

  public GatewayError(String type, String message) {
    this(type, message, null);
  }

  public GatewayError(String type, String message, Integer status) {
    super(message, null, false, false);
    this.type = type;
    this.status = status;
  }

  /** The gateway response type. */
  public String type() {
    return type;
  }

  public Integer status() {
    return status;
  }
}
