package dev.fogbank.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * {@code sfn-lambda-task}: one {@code python3.12} function that doubles {@code n} of its event,
 * and one EXPRESS state machine Prepare (Pass) → Double ({@code arn:aws:states:::lambda:invoke}
 * with {@code Payload.$}) → Report (Pass on {@code $.Payload}), both created by the driver. A
 * cycle is one StartSyncExecution; an execution that does not end SUCCEEDED with twice its input
 * counts as an error. One op per cycle; each execution makes one Invoke inside the server.
 */
final class SfnLambdaTask implements Workload {

  static final String HANDLER_SOURCE = "def handler(event, context):\n    return {\"doubled\": event[\"n\"] * 2}\n";

  static final String DEFINITION =
      """
      {"Comment":"bench: a Lambda task between two Pass states","StartAt":"Prepare","States":{
       "Prepare":{"Type":"Pass","Parameters":{"n.$":"$.n","worker.$":"$.worker"},"Next":"Double"},
       "Double":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
         "Parameters":{"FunctionName":"FUNCTION","Payload.$":"$"},"Next":"Report"},
       "Report":{"Type":"Pass","Parameters":{"doubled.$":"$.Payload.doubled"},"End":true}}}
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private SfnClient sfn;
  private LambdaClient lambda;
  private String function;
  private String stateMachineArn;

  @Override
  public void setUp(BenchClients clients, DriverOptions options) {
    sfn = clients.sfn();
    lambda = clients.lambda();
    function = "bench-double-" + BenchQueues.RUN;
    BenchFunctions.create(
        lambda, function, Runtime.PYTHON3_12, "index.handler", 128,
        SdkBytes.fromByteArray(BenchFunctions.pythonZip(HANDLER_SOURCE)));
    stateMachineArn =
        sfn.createStateMachine(
                b ->
                    b.name("bench-lambda-task-" + BenchQueues.RUN)
                        .type(StateMachineType.EXPRESS)
                        .roleArn("arn:aws:iam::000000000000:role/bench-sfn")
                        .definition(DEFINITION.replace("FUNCTION", function)))
            .stateMachineArn();
  }

  @Override
  public Worker worker(BenchClients clients, int index, DriverOptions options) {
    return new Worker() {
      private long n;

      @Override
      public void cycle(OpTimer timer) {
        long value = n++;
        String input = "{\"n\":" + value + ",\"worker\":" + index + "}";
        long start = System.nanoTime();
        StartSyncExecutionResponse run =
            timer.call(() -> sfn.startSyncExecution(b -> b.stateMachineArn(stateMachineArn).input(input)));
        JsonNode out = parse(run.output());
        if (run.status() != SyncExecutionStatus.SUCCEEDED || out == null || out.path("doubled").asLong(-1) != value * 2) {
          timer.failedEntries(start);
        }
      }

      @Override
      public void close() {}
    };
  }

  private static JsonNode parse(String output) {
    try {
      return output == null ? null : JSON.readTree(output);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  @Override
  public void tearDown() {
    try {
      if (stateMachineArn != null) {
        sfn.deleteStateMachine(b -> b.stateMachineArn(stateMachineArn));
      }
      if (function != null) {
        lambda.deleteFunction(b -> b.functionName(function));
      }
    } catch (SdkException e) {
      System.err.println("could not clean up the sfn-lambda-task resources: " + e.getMessage());
    }
  }
}
