package dev.fogbank.lambda.runtime;

/**
 * One request for an execution environment, with what the Runtime API hands the runtime in its
 * {@code Lambda-Runtime-*} headers.
 *
 * @param deadlineMillis epoch millis on Fogbank's clock ({@code Lambda-Runtime-Deadline-Ms})
 * @param clientContext the caller's ClientContext, decoded JSON, or null
 */
public record Invocation(
    String requestId,
    byte[] payload,
    long deadlineMillis,
    String invokedFunctionArn,
    String traceId,
    String clientContext) {}
