package dev.fogbank.stepfunctions;

import dev.fogbank.stepfunctions.model.Activity;
import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.StateMachine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The state machines, executions and activities of one account and region. */
final class SfnState {

  /** By ARN, in creation order; guarded by itself. */
  final Map<String, StateMachine> machines = new LinkedHashMap<>();
  /** Standard executions by ARN (Express executions are not kept, as on AWS). */
  final Map<String, Execution> executions = new ConcurrentHashMap<>();
  /** Executions by state machine ARN, newest last; guarded by itself. */
  final Map<String, java.util.List<Execution>> byMachine = new LinkedHashMap<>();
  final Map<String, Activity> activities = new LinkedHashMap<>();
  /** Map Runs by ARN. */
  final Map<String, dev.fogbank.stepfunctions.model.MapRun> mapRuns = new ConcurrentHashMap<>();
  /** Map Runs by the ARN of the execution they belong to; guarded by itself. */
  final Map<String, java.util.List<dev.fogbank.stepfunctions.model.MapRun>> mapRunsByExecution = new LinkedHashMap<>();
}
