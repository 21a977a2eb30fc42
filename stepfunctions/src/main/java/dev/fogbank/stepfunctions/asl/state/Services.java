package dev.fogbank.stepfunctions.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/** What a Task state reaches outside the interpreter: service integrations and task tokens. */
public interface Services {

  /**
   * Calls the resource (request-response, or the submit step of {@code .sync} and {@code
   * .waitForTaskToken}); blocking, on a virtual thread. Errors arrive as {@link
   * dev.fogbank.stepfunctions.asl.StatesError} named as AWS names them.
   */
  JsonNode call(TaskResource resource, JsonNode parameters, StateRun run);

  /**
   * For {@code .sync}: waits (without a thread) until the job the submit step started completes;
   * {@code done} gets its output or a StatesError.
   */
  void awaitJob(TaskResource resource, JsonNode submitted, StateRun run, Consumer<Object> done);

  /** A new task token whose SendTaskSuccess/Failure/Heartbeat reach {@code listener}. */
  String newToken(TokenListener listener);

  /** Forgets a token: the task ended another way (timeout, stop). */
  void dropToken(String token);

  /** What a Distributed Map state runs: child executions of its ItemProcessor, one per input. */
  record MapRunSpec(dev.fogbank.stepfunctions.asl.StateGraph processor, java.util.List<JsonNode> inputs, String label,
      int maxConcurrency, long toleratedFailureCount, double toleratedFailurePercentage) {}

  /**
   * Starts a Map Run (recording MapRunStarted), or redrives the one this visit's earlier attempt
   * started (recording MapRunRedriven), and returns its ARN; {@code started} gets the ARN before any
   * child starts, {@code done} later gets the children's outputs in order, or the failure ({@code
   * States.ExceedToleratedFailureThreshold}) once failures exceed the tolerance.
   */
  String startMapRun(MapRunSpec spec, StateRun run, Consumer<String> started, Consumer<StateRun.FlowsResult> done);

  /**
   * A Distributed Map's ItemReader: the items its Resource reads from S3 with the state's resolved
   * Parameters (Arguments), ReaderConfig and MaxItems (0: all); a failure is {@code States.ItemReaderFailed}.
   */
  JsonNode readItems(String resource, JsonNode readerConfig, JsonNode parameters, long maxItems, StateRun run);

  /**
   * A Distributed Map's ResultWriter once its Map Run has ended: exports the child executions'
   * results when {@code resource} is set and answers the state's result; a failure is {@code
   * States.ResultWriterFailed}.
   */
  JsonNode writeResults(String mapRunArn, String resource, JsonNode parameters, JsonNode writerConfig, StateRun run);

  /** Receives what a worker reports for a task token. */
  interface TokenListener {
    void success(JsonNode output);

    void failure(String error, String cause);

    /** A heartbeat from the worker. */
    void heartbeat();

    /** An activity worker took the task (GetActivityTask). */
    default void started(String workerName) {}
  }
}
