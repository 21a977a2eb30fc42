package dev.fogbank.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.state.AccountRegionStore;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.stepfunctions.asl.DefinitionException;
import dev.fogbank.stepfunctions.asl.DefinitionParser;
import dev.fogbank.stepfunctions.asl.StateGraph;
import dev.fogbank.stepfunctions.integration.Integrations;
import dev.fogbank.stepfunctions.integration.LocalEndpoint;
import dev.fogbank.stepfunctions.integration.TaskTokens;
import dev.fogbank.stepfunctions.interpreter.ExecutionRun;
import dev.fogbank.stepfunctions.model.Activity;
import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.MapRun;
import dev.fogbank.stepfunctions.model.StateMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * Step Functions without HTTP: state machines, executions and activities per account and region,
 * the interpreter's runtime (clock, scheduler, executor) and its service integrations.
 */
public final class SfnEngine implements Integrations.Executions {

  /** Express executions may run at most five minutes (AWS's limit). */
  static final long EXPRESS_MAX_SECONDS = 300;

  private final AccountRegionStore<SfnState> store = new AccountRegionStore<>((a, r) -> new SfnState());
  private final Clock clock;
  private final Scheduler scheduler;
  private final Executor executor;
  private final TaskTokens tokens = new TaskTokens();
  private final Integrations integrations;

  private final LocalEndpoint endpoint;

  public SfnEngine(Clock clock, Scheduler scheduler, Executor executor, InProcessClient client) {
    this(clock, scheduler, executor, client, new LocalEndpoint(null, 0));
  }

  /** With the address of this server, for the calls made through a service's HTTP API (S3). */
  public SfnEngine(Clock clock, Scheduler scheduler, Executor executor, InProcessClient client, LocalEndpoint endpoint) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.executor = executor;
    this.endpoint = endpoint;
    this.integrations = new Integrations(client, tokens, this, clock, endpoint);
  }

  public LocalEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public List<Execution> mapRunChildren(String mapRunArn) {
    return new ArrayList<>(mapRun(mapRunArn).children());
  }

  @Override
  public void resultsWritten(String mapRunArn, int count) {
    mapRun(mapRunArn).resultsWritten(count);
  }

  public Clock clock() {
    return clock;
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public TaskTokens tokens() {
    return tokens;
  }

  SfnState state(String account, String region) {
    return store.get(account, region);
  }

  public void reset() {
    for (SfnState s : store.all()) {
      for (Execution e : s.executions.values()) {
        if (e.stopper() != null) {
          e.end(dev.fogbank.stepfunctions.model.ExecutionStatus.ABORTED, clock.millis(), null, null, null);
        }
      }
    }
    store.reset();
    runs.clear();
    mapRuns.clear();
    tokens.clear();
  }

  /** Parses a definition or throws InvalidDefinition with AWS's message. */
  public static StateGraph parse(String definition) {
    try {
      return DefinitionParser.parse(definition);
    } catch (DefinitionException e) {
      throw SfnErrors.invalidDefinition(e.awsMessage());
    }
  }

  public StateMachine createStateMachine(String account, String region, String name, String type, String definition,
      String roleArn, JsonNode logging, JsonNode tracing) {
    Arns.checkName(name);
    StateGraph graph = parse(definition);
    String arn = Arns.stateMachine(region, account, name);
    StateMachine.Revision rev = new StateMachine.Revision(definition, graph, roleArn, UUID.randomUUID().toString(),
        clock.millis(), null, logging, tracing);
    SfnState s = state(account, region);
    synchronized (s.machines) {
      StateMachine existing = s.machines.get(arn);
      if (existing != null) {
        // Same settings: idempotent; otherwise StateMachineAlreadyExists (CreateStateMachine docs)
        StateMachine.Revision cur = existing.current();
        if (cur.definition().equals(definition) && cur.roleArn().equals(roleArn) && existing.type().equals(type)) {
          return existing;
        }
        throw SfnErrors.stateMachineAlreadyExists(arn);
      }
      StateMachine m = new StateMachine(arn, name, type, clock.millis(), rev);
      s.machines.put(arn, m);
      return m;
    }
  }

  /** The state machine an ARN names (a version or alias ARN names its machine). */
  public StateMachine machine(String account, String region, String arn) {
    Arns.Parsed p = Arns.parse(arn, "stateMachine");
    String base = baseArn(arn, p);
    SfnState s = state(p.account(), p.region());
    synchronized (s.machines) {
      StateMachine m = s.machines.get(base);
      if (m == null) {
        throw SfnErrors.stateMachineDoesNotExist(arn);
      }
      return m;
    }
  }

  static String baseArn(String arn, Arns.Parsed p) {
    int colon = p.rest().indexOf(':');
    return colon < 0 ? arn : arn.substring(0, arn.length() - (p.rest().length() - colon));
  }

  public List<StateMachine> machines(String account, String region) {
    SfnState s = state(account, region);
    synchronized (s.machines) {
      return new ArrayList<>(s.machines.values());
    }
  }

  public void deleteStateMachine(String account, String region, String arn) {
    Arns.Parsed p = Arns.parse(arn, "stateMachine");
    SfnState s = state(p.account(), p.region());
    synchronized (s.machines) {
      StateMachine m = s.machines.remove(arn);
      if (m != null) {
        // "DeleteStateMachine … running executions are stopped" (they end as ABORTED on AWS eventually)
        List<Execution> execs;
        synchronized (s.byMachine) {
          execs = s.byMachine.getOrDefault(arn, List.of());
        }
        for (Execution e : execs) {
          if (e.stopper() != null) {
            Runnable r = e.stopper();
            r.run();
          }
        }
      }
    }
  }

  /** Starts an execution; Standard executions are kept for Describe/List/History. */
  public Execution start(String account, String region, StateMachine machine, StateMachine.Version version,
      String aliasArn, String name, String input, boolean sync) {
    if (name == null) {
      name = UUID.randomUUID().toString();
    } else {
      Arns.checkName(name);
    }
    String in = input == null ? "{}" : input;
    try {
      JsonNode parsed = Json.MAPPER.readTree(in);
      if (parsed == null) {
        throw SfnErrors.invalidExecutionInput("Input must be a JSON text");
      }
    } catch (JsonProcessingException e) {
      throw SfnErrors.invalidExecutionInput(e.getOriginalMessage());
    }
    StateMachine.Revision rev = version == null ? machine.current() : version.revision();
    SfnState s = state(account, region);
    String arn = machine.express()
        ? Arns.express(region, account, machine.name(), name, UUID.randomUUID().toString())
        : Arns.execution(region, account, machine.name(), name);
    Execution e = new Execution(arn, name, machine.arn(), machine.name(), rev.definition(), rev.roleArn(),
        machine.express(), in, clock.millis(), version == null ? null : version.arn(), aliasArn);
    if (!machine.express()) {
      Execution existing = s.executions.putIfAbsent(arn, e);
      if (existing != null) {
        // Same name and input of a running execution: the same execution (StartExecution idempotency)
        if (existing.status() == dev.fogbank.stepfunctions.model.ExecutionStatus.RUNNING && existing.input().equals(in)) {
          return existing;
        }
        throw SfnErrors.executionAlreadyExists(arn);
      }
      synchronized (s.byMachine) {
        s.byMachine.computeIfAbsent(machine.arn(), k -> new ArrayList<>()).add(e);
      }
    }
    StateGraph graph = rev.graph();
    if (machine.express() && (graph.timeoutSeconds() == null || graph.timeoutSeconds() > EXPRESS_MAX_SECONDS)) {
      graph = new StateGraph(graph.startAt(), graph.states(), graph.language(), EXPRESS_MAX_SECONDS, graph.json());
    }
    ExecutionRun run = new ExecutionRun(e, graph, clock, scheduler, executor, integrations, account, region);
    if (sync) {
      run.start();
    } else {
      executor.execute(run::start);
    }
    e.stopper(() -> run.stop(null, null));
    stoppers.put(e, run);
    e.completion().whenComplete((x, t) -> stoppers.remove(e));
    if (!machine.express()) {
      runs.put(e, run);
    }
    return e;
  }

  /**
   * Runs {@code graph} as an unrecorded execution (TestState) on the calling thread and returns it once
   * it has ended.
   */
  public Execution runDetached(String account, String region, StateGraph graph, String definition, String input,
      String roleArn) {
    String name = UUID.randomUUID().toString();
    Execution e = new Execution(Arns.execution(region, account, "TestState", name), name,
        Arns.stateMachine(region, account, "TestState"), "TestState", definition, roleArn, false, input,
        clock.millis(), null, null);
    new ExecutionRun(e, graph, clock, scheduler, executor, integrations, account, region).start();
    return e.completion().join();
  }

  @Override
  public String startMapRun(dev.fogbank.stepfunctions.asl.state.Services.MapRunSpec spec,
      dev.fogbank.stepfunctions.asl.state.StateRun run, java.util.function.Consumer<String> started,
      java.util.function.Consumer<dev.fogbank.stepfunctions.asl.state.StateRun.FlowsResult> done) {
    return mapRuns.start(spec, run, started, done);
  }

  private final MapRuns mapRuns = new MapRuns(this);

  /** A run of {@code execution} on this engine's runtime, not yet started. */
  ExecutionRun newRun(Execution execution, StateGraph graph, String account, String region) {
    return new ExecutionRun(execution, graph, clock, scheduler, executor, integrations, account, region);
  }

  void execute(Runnable work) {
    executor.execute(work);
  }

  /** A Map Run by ARN, or ResourceNotFound. */
  public MapRun mapRun(String arn) {
    Arns.Parsed p = Arns.parse(arn, "mapRun");
    MapRun m = state(p.account(), p.region()).mapRuns.get(arn);
    if (m == null) {
      throw SfnErrors.resourceNotFound(arn);
    }
    return m;
  }

  public List<MapRun> mapRuns(String account, String region, String executionArn) {
    SfnState s = state(account, region);
    synchronized (s.mapRunsByExecution) {
      return new ArrayList<>(s.mapRunsByExecution.getOrDefault(executionArn, List.of()));
    }
  }

  /** Standard executions' runs, kept so that RedriveExecution can resume them. */
  private final java.util.Map<Execution, ExecutionRun> runs = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * RedriveExecution: resumes an ended execution from the state that failed, timed out or was running
   * when it was stopped; returns the redrive date.
   */
  public long redrive(Execution e) {
    ExecutionRun run = runs.get(e);
    long now = clock.millis();
    String reason = e.notRedrivableReason(now);
    if (reason != null || run == null) {
      throw SfnErrors.executionNotRedrivable(reason == null ? "Execution cannot be redriven" : reason);
    }
    synchronized (run) {
      if (!run.redrive()) {
        throw SfnErrors.executionNotRedrivable(
            "Execution is " + e.status().name() + " and cannot be redriven");
      }
    }
    e.stopper(() -> run.stop(null, null));
    stoppers.put(e, run);
    e.completion().whenComplete((x, t) -> stoppers.remove(e));
    executor.execute(run::resume);
    return now;
  }

  private final java.util.Map<Execution, ExecutionRun> stoppers = new java.util.concurrent.ConcurrentHashMap<>();

  /** StopExecution: ABORTED with the caller's error and cause. */
  public boolean stop(Execution e, String error, String cause) {
    ExecutionRun run = stoppers.get(e);
    return run != null && run.stop(error, cause);
  }

  public Execution execution(String account, String region, String arn) {
    Arns.Parsed p = Arns.parse(arn, "execution", "express");
    if (p.type().equals("express")) {
      // Express executions are not recorded: DescribeExecution does not know them
      throw SfnErrors.executionDoesNotExist(arn);
    }
    Execution e = state(p.account(), p.region()).executions.get(arn);
    if (e == null) {
      throw SfnErrors.executionDoesNotExist(arn);
    }
    return e;
  }

  @Override
  public Execution execution(String arn) {
    try {
      Arns.Parsed p = Arns.parse(arn, "execution");
      return state(p.account(), p.region()).executions.get(arn);
    } catch (RuntimeException e) {
      return null;
    }
  }

  public List<Execution> executions(String account, String region, String machineArn) {
    SfnState s = state(account, region);
    synchronized (s.byMachine) {
      return new ArrayList<>(s.byMachine.getOrDefault(machineArn, List.of()));
    }
  }

  // --- activities

  public Activity createActivity(String account, String region, String name) {
    Arns.checkName(name);
    String arn = Arns.activity(region, account, name);
    SfnState s = state(account, region);
    synchronized (s.activities) {
      return s.activities.computeIfAbsent(arn, a -> new Activity(arn, name, clock.millis()));
    }
  }

  public Activity activity(String arn) {
    Arns.Parsed p = Arns.parse(arn, "activity");
    SfnState s = state(p.account(), p.region());
    synchronized (s.activities) {
      Activity a = s.activities.get(arn);
      if (a == null) {
        throw SfnErrors.activityDoesNotExist(arn);
      }
      return a;
    }
  }

  public List<Activity> activities(String account, String region) {
    SfnState s = state(account, region);
    synchronized (s.activities) {
      return new ArrayList<>(s.activities.values());
    }
  }

  public void deleteActivity(String arn) {
    Arns.Parsed p = Arns.parse(arn, "activity");
    SfnState s = state(p.account(), p.region());
    synchronized (s.activities) {
      s.activities.remove(arn);
    }
  }

  @Override
  public void enqueueActivityTask(String activityArn, String token, String input) {
    Activity a;
    try {
      a = activity(activityArn);
    } catch (RuntimeException e) {
      var listener = tokens.get(token);
      if (listener != null) {
        listener.failure("States.Runtime", "The activity " + activityArn + " does not exist");
      }
      return;
    }
    a.offer(new Activity.Task(token, input));
  }
}
