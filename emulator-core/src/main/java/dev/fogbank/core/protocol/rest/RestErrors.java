package dev.fogbank.core.protocol.rest;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.protocol.AwsResponse;
import java.nio.charset.StandardCharsets;

/** Error rendering both REST protocols share. */
public final class RestErrors {

  /**
   * What AWS's front end answers for a method and path no operation has, before any service sees
   * the request: {@code 404} with the bare body {@code <UnknownOperationException/>} and a line
   * break (29 bytes), no content type — the same for every REST service behind it.
   */
  private static final byte[] UNKNOWN_OPERATION =
      "<UnknownOperationException/>\n".getBytes(StandardCharsets.US_ASCII);

  private RestErrors() {}

  public static boolean isUnknownOperation(AwsException error) {
    return "UnknownOperationException".equals(error.code()) && error.getMessage() == null;
  }

  public static AwsResponse unknownOperation() {
    return AwsResponse.of(404, null, UNKNOWN_OPERATION.clone());
  }

  /** The model's exception shape for an error code (its shape name, or its {@code error.code}). */
  public static Shape errorShape(ServiceModel model, String code) {
    Shape shape = model.shape(code);
    if (shape != null && shape.exception()) {
      return shape;
    }
    return null;
  }
}
