package dev.fogbank.cloudwatch.logs;

import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.InputValidator;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.Violation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Amazon CloudWatch Logs over awsJson1.1 ({@code Logs_20140328}). */
public final class LogsModule implements ServiceModule {

  private final ServiceModel model = ServiceModel.load(LogsModule.class, "logs-2014-03-28");
  private volatile LogsEngine engine;
  private volatile Map<String, OperationHandler> handlers = Map.of();

  @Override
  public String name() {
    return "logs";
  }

  @Override
  public ServiceModel model() {
    return model;
  }

  @Override
  public void start(ServiceContext context) {
    LogsEngine engine = new LogsEngine(context.clock(), context.client());
    this.engine = engine;
    this.handlers = handlers(engine);
  }

  /** Every operation's handler over one engine. */
  public static Map<String, OperationHandler> handlers(LogsEngine engine) {
    Map<String, OperationHandler> map = new HashMap<>();
    new GroupOperations(engine).register(map);
    new StreamOperations(engine).register(map);
    new EventOperations(engine).register(map);
    new FilterOperations(engine).register(map);
    new MetricFilterOperations(engine).register(map);
    new SubscriptionFilterOperations(engine).register(map);
    new QueryOperations(engine).register(map);
    return Map.copyOf(map);
  }

  /**
   * Every CloudWatch Logs operation is short and in memory, except PutLogEvents, which may hand
   * events to subscribed functions.
   */
  @Override
  public boolean mayBlock(String operation) {
    return operation.equals("PutLogEvents");
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

  /** CloudWatch Logs reports broken model constraints as InvalidParameterException. */
  @Override
  public AwsException validationError(Protocol protocol, List<Violation> violations) {
    return LogsErrors.invalidParameter(InputValidator.summary(violations));
  }
}
