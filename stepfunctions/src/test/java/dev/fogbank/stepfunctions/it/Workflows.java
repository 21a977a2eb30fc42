package dev.fogbank.stepfunctions.it;

import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Creating and running state machines the way a client does, and reading back what ran. */
final class Workflows {

  static final String ROLE = "arn:aws:iam::000000000000:role/sfn";

  private final SfnClient sfn;

  Workflows(SfnClient sfn) {
    this.sfn = sfn;
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Creates a Standard state machine; single quotes in the definition stand for double quotes, and
   * {@code ^} for the single quotes of intrinsic functions' string literals.
   */
  String create(String definition) {
    String json = definition.replace('\'', '"').replace('^', '\'');
    return sfn.createStateMachine(b -> b.name(unique("sm")).definition(json).roleArn(ROLE)).stateMachineArn();
  }

  String start(String machine, String input) {
    return sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
  }

  /** Runs a definition on an input and waits for the end. */
  DescribeExecutionResponse run(String definition, String input) {
    return awaitEnd(start(create(definition), input));
  }

  /** Executions run on their own threads; poll until one has ended. */
  DescribeExecutionResponse awaitEnd(String arn) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(arn));
      if (d.status() != ExecutionStatus.RUNNING) {
        return d;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("execution " + arn + " did not end");
  }

  List<HistoryEvent> history(String arn) {
    return sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
  }
}
