package dev.fogbank.lambda.runtime;

/**
 * What an execution environment answered for one invocation.
 *
 * @param payload the response, or the error document ({@code errorMessage}, {@code errorType}, …)
 * @param error whether the function failed ({@code X-Amz-Function-Error: Unhandled})
 * @param log what the function wrote while it ran
 * @param fatal whether the environment is gone (timed out, exited, failed to initialise)
 */
public record InvocationResult(byte[] payload, boolean error, String log, boolean fatal) {

  public static InvocationResult success(byte[] payload, String log) {
    return new InvocationResult(payload, false, log, false);
  }

  public static InvocationResult failure(byte[] errorDocument, String log, boolean fatal) {
    return new InvocationResult(errorDocument, true, log, fatal);
  }
}
