package dev.fogbank.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * {@code sfn-express}: one EXPRESS state machine of ten Pass and Choice states (created by the
 * driver); a cycle is one StartSyncExecution with a random route and value, which passes through
 * six of the states. An execution that does not end SUCCEEDED with the expected output counts as
 * an error. One op per cycle.
 */
final class SfnExpress implements Workload {

  /**
   * Start → Route (Choice on $.route) → Left1 → Left2 or Right1 → Right2 → Join → Check (Choice on
   * $.value) → Big or Small (both End). Pass states add their Result under a path of their own.
   */
  static final String DEFINITION =
      """
      {"Comment":"bench: ten Pass/Choice states","StartAt":"Start","States":{
       "Start":{"Type":"Pass","Result":"started","ResultPath":"$.start","Next":"Route"},
       "Route":{"Type":"Choice","Choices":[{"Variable":"$.route","StringEquals":"left","Next":"Left1"}],"Default":"Right1"},
       "Left1":{"Type":"Pass","Result":{"side":"left"},"ResultPath":"$.branch","Next":"Left2"},
       "Left2":{"Type":"Pass","Result":1,"ResultPath":"$.depth","Next":"Join"},
       "Right1":{"Type":"Pass","Result":{"side":"right"},"ResultPath":"$.branch","Next":"Right2"},
       "Right2":{"Type":"Pass","Result":2,"ResultPath":"$.depth","Next":"Join"},
       "Join":{"Type":"Pass","Parameters":{"side.$":"$.branch.side","value.$":"$.value"},"ResultPath":"$.joined","Next":"Check"},
       "Check":{"Type":"Choice","Choices":[{"Variable":"$.value","NumericGreaterThan":10,"Next":"Big"}],"Default":"Small"},
       "Big":{"Type":"Pass","Parameters":{"size":"big","side.$":"$.joined.side"},"End":true},
       "Small":{"Type":"Pass","Parameters":{"size":"small","side.$":"$.joined.side"},"End":true}}}
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private SfnClient sfn;
  private String stateMachineArn;

  @Override
  public void setUp(BenchClients clients, DriverOptions options) {
    sfn = clients.sfn();
    stateMachineArn =
        sfn.createStateMachine(
                b ->
                    b.name("bench-express-" + BenchQueues.RUN)
                        .type(StateMachineType.EXPRESS)
                        .roleArn("arn:aws:iam::000000000000:role/bench-sfn")
                        .definition(DEFINITION))
            .stateMachineArn();
  }

  @Override
  public Worker worker(BenchClients clients, int index, DriverOptions options) {
    return new Worker() {
      @Override
      public void cycle(OpTimer timer) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean left = random.nextBoolean();
        int value = random.nextInt(21);
        String input = "{\"route\":\"" + (left ? "left" : "right") + "\",\"value\":" + value + "}";
        JsonNode expected =
            JSON.createObjectNode().put("size", value > 10 ? "big" : "small").put("side", left ? "left" : "right");
        long start = System.nanoTime();
        StartSyncExecutionResponse run =
            timer.call(() -> sfn.startSyncExecution(b -> b.stateMachineArn(stateMachineArn).input(input)));
        if (run.status() != SyncExecutionStatus.SUCCEEDED || !expected.equals(parse(run.output()))) {
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
    if (stateMachineArn != null) {
      try {
        sfn.deleteStateMachine(b -> b.stateMachineArn(stateMachineArn));
      } catch (SdkException e) {
        System.err.println("could not delete " + stateMachineArn + ": " + e.getMessage());
      }
    }
  }
}
