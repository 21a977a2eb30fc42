package dev.fogbank.core.routing;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.xml.XmlWriter;

/**
 * Errors for requests no running service takes, in the shape of the protocol the request was
 * spoken in: a JSON error for a JSON request, a query {@code ErrorResponse} otherwise. Never an
 * HTML page.
 */
public final class UnroutedErrors {

  private UnroutedErrors() {}

  public static AwsResponse unknownService(AwsRequest request, String requestId) {
    String target = request.header("X-Amz-Target");
    if (target != null) {
      return render(request, requestId, new AwsException("UnknownOperationException", null, 400));
    }
    String action = request.isFormUrlEncoded() || request.queryParam("Action") != null
        ? request.formParameters().get("Action")
        : null;
    if (action != null) {
      return render(
          request,
          requestId,
          new AwsException("InvalidAction", "The action " + action + " is not valid for this endpoint.", 400));
    }
    return render(
        request,
        requestId,
        new AwsException(
            "UnknownService",
            "No service running in Fogbank answers " + request.method() + " " + request.path() + ".",
            400));
  }

  public static AwsResponse render(AwsRequest request, String requestId, AwsException error) {
    String type = request.header("Content-Type");
    boolean json =
        request.header("X-Amz-Target") != null || (type != null && type.contains("json"));
    if (json) {
      var body = Json.object().put("__type", error.code());
      if (error.getMessage() != null) {
        body.put("message", error.getMessage());
      }
      return AwsResponse.of(error.status(), "application/x-amz-json-1.0", Json.bytes(body));
    }
    XmlWriter xml = new XmlWriter();
    xml.declaration()
        .start("ErrorResponse")
        .start("Error")
        .element("Type", error.senderFault() ? "Sender" : "Receiver")
        .element("Code", error.queryCode())
        .element("Message", error.getMessage())
        .end("Error")
        .element("RequestId", requestId)
        .end("ErrorResponse");
    return AwsResponse.of(error.status(), "text/xml", xml.bytes());
  }
}
