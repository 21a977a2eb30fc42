package dev.fogbank.stepfunctions;

import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.stepfunctions.api.AliasOperations;
import dev.fogbank.stepfunctions.api.ExecutionOperations;
import dev.fogbank.stepfunctions.api.MapRunOperations;
import dev.fogbank.stepfunctions.api.StateMachineOperations;
import dev.fogbank.stepfunctions.api.TaskOperations;
import dev.fogbank.stepfunctions.api.TestStateOperation;
import dev.fogbank.stepfunctions.integration.LocalEndpoint;
import java.util.HashMap;
import java.util.Map;

/**
 * AWS Step Functions over JSON 1.0 ({@code X-Amz-Target: AWSStepFunctions.<Operation>}, signing
 * name {@code states}). Executions run on virtual threads; waits and retries on the scheduler.
 */
public final class SfnModule implements ServiceModule {

  private final ServiceModel model = ServiceModel.load(getClass(), "states-2016-11-23");
  private volatile SfnEngine engine;
  private volatile Map<String, OperationHandler> handlers = Map.of();

  @Override
  public String name() {
    return "states";
  }

  @Override
  public ServiceModel model() {
    return model;
  }

  @Override
  public void start(ServiceContext context) {
    LocalEndpoint endpoint = new LocalEndpoint(context.config().host(), context.config().port());
    SfnEngine engine = new SfnEngine(context.clock(), context.scheduler(), r -> Thread.ofVirtual().start(r),
        context.client(), endpoint);
    Map<String, OperationHandler> map = new HashMap<>();
    new StateMachineOperations(engine).register(map);
    new ExecutionOperations(engine).register(map);
    new TaskOperations(engine).register(map);
    new AliasOperations(engine).register(map);
    new TestStateOperation(engine).register(map);
    new MapRunOperations(engine).register(map);
    // a server bound to port 0 learns its port from the Host header of the requests it serves
    map.replaceAll((op, handler) -> (ctx, in) -> {
      if (ctx.request() != null) {
        endpoint.learn(ctx.host());
      }
      return handler.handle(ctx, in);
    });
    this.engine = engine;
    this.handlers = Map.copyOf(map);
  }

  /** The engine, for embedding and tests. */
  public SfnEngine engine() {
    return engine;
  }

  @Override
  public Map<String, OperationHandler> handlers() {
    return handlers;
  }

  @Override
  public void reset() {
    if (engine != null) {
      engine.reset();
    }
  }
}
