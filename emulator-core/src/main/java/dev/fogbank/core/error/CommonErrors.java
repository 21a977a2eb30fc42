package dev.fogbank.core.error;

/** Errors every AWS service shares, with the codes and wording AWS uses. */
public final class CommonErrors {

  private CommonErrors() {}

  /** A JSON service that does not know the operation named in {@code X-Amz-Target}. */
  public static AwsException unknownOperation() {
    return new AwsException("UnknownOperationException", null, 400);
  }

  /** A query service that does not know the {@code Action}. */
  public static AwsException invalidAction(String action) {
    return new AwsException(
        "InvalidAction", "The action " + action + " is not valid for this endpoint.", 400);
  }

  public static AwsException missingAction() {
    return new AwsException("MissingAction", "The request must contain the parameter Action.", 400);
  }

  /** A JSON body that does not parse or does not fit the operation's input shape. */
  public static AwsException serialization(String message) {
    return new AwsException("SerializationException", message, 400);
  }

  public static AwsException validation(String message) {
    return new AwsException("ValidationException", message, 400);
  }

  public static AwsException missingParameter(String name) {
    return new AwsException(
        "MissingParameter", "The request must contain the parameter " + name + ".", 400);
  }

  public static AwsException invalidParameterValue(String message) {
    return new AwsException("InvalidParameterValue", message, 400);
  }

  public static AwsException internalFailure() {
    return new AwsException(
        "InternalFailure",
        "InternalFailure",
        "The request processing has failed because of an unknown error, exception or failure.",
        500,
        false);
  }

  /** An operation in the service's model that this emulator does not implement. */
  public static AwsException notImplemented(String service, String operation) {
    return new AwsException(
        "NotImplemented",
        "NotImplemented",
        "The operation " + operation + " of " + service + " is not supported by Fogbank.",
        501,
        false);
  }
}
