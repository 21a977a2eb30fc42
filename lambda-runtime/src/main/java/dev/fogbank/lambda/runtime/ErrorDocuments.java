package dev.fogbank.lambda.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;

/** The error payloads Lambda itself writes when the runtime cannot answer. */
public final class ErrorDocuments {

  private ErrorDocuments() {}

  public static byte[] of(String errorType, String message) {
    ObjectNode doc = Json.object();
    doc.put("errorType", errorType);
    doc.put("errorMessage", message);
    return Json.bytes(doc);
  }

  /** The function ran past its timeout (the AL2023 runtimes' {@code Sandbox.Timedout}). */
  public static byte[] timedOut(String requestId, int timeoutSeconds) {
    return of("Sandbox.Timedout", "RequestId: " + requestId + " Error: " + timeoutMessage(timeoutSeconds));
  }

  public static String timeoutMessage(int timeoutSeconds) {
    return String.format(java.util.Locale.ROOT, "Task timed out after %.2f seconds", (double) timeoutSeconds);
  }

  /** The runtime process ended while it held a request. */
  public static byte[] exited(String requestId, int status) {
    return of("Runtime.ExitError", "RequestId: " + requestId + " Error: " + exitReason(status));
  }

  /**
   * How Lambda words a runtime's exit: a non-zero status is an error with that status; a runtime
   * that ends with status 0 while it holds a request "exited without providing a reason".
   */
  public static String exitReason(int status) {
    return status == 0 ? "Runtime exited without providing a reason" : "Runtime exited with error: exit status " + status;
  }
}
