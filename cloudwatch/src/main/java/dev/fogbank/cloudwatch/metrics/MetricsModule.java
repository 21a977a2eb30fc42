package dev.fogbank.cloudwatch.metrics;

import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.InputValidator;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import dev.fogbank.core.protocol.Violation;
import dev.fogbank.core.protocol.rpcv2.RpcV2CborCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Amazon CloudWatch metrics and alarms ({@code monitoring}): the query protocol of its model (the
 * AWS CLI) and Smithy RPC v2 CBOR, which current AWS SDKs speak to CloudWatch.
 */
public final class MetricsModule implements ServiceModule {

  /** The Smithy service shape name in RPC v2 CBOR paths: {@code /service/<name>/operation/<op>}. */
  static final String SMITHY_SERVICE = "GraniteServiceVersion20100801";

  private final ServiceModel model = ServiceModel.load(MetricsModule.class, "monitoring-2010-08-01");
  private volatile MetricsEngine engine;
  private volatile Map<String, OperationHandler> handlers = Map.of();

  @Override
  public String name() {
    return "monitoring";
  }

  @Override
  public ServiceModel model() {
    return model;
  }

  @Override
  public Set<Protocol> protocols() {
    return Set.of(Protocol.QUERY, Protocol.RPC_V2_CBOR);
  }

  @Override
  public ProtocolCodec codec(Protocol protocol) {
    return protocol == Protocol.RPC_V2_CBOR ? new RpcV2CborCodec(this, Set.of(SMITHY_SERVICE)) : null;
  }

  @Override
  public void start(ServiceContext context) {
    MetricsEngine engine = new MetricsEngine(context.clock(), context.scheduler());
    this.engine = engine;
    this.handlers = handlers(engine, new AlarmEvaluator(engine, context.client()));
  }

  /** Every operation's handler over one engine. */
  static Map<String, OperationHandler> handlers(MetricsEngine engine, AlarmEvaluator evaluator) {
    Map<String, OperationHandler> map = new HashMap<>();
    new MetricOperations(engine).register(map);
    new MetricDataOperations(engine).register(map);
    new AlarmOperations(engine, evaluator).register(map);
    new DashboardOperations(engine).register(map);
    new History(engine).register(map);
    return Map.copyOf(map);
  }

  /** Every CloudWatch operation is short and in memory. */
  @Override
  public boolean mayBlock(String operation) {
    return false;
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

  /**
   * A missing required parameter is MissingParameter ("The parameter X is required."); any other
   * broken constraint is Coral's ValidationError.
   */
  @Override
  public AwsException validationError(Protocol protocol, List<Violation> violations) {
    Violation v = violations.get(0);
    if (v.kind() == Violation.Kind.REQUIRED && violations.size() == 1) {
      return MetricsErrors.missingParameter("The parameter " + v.member() + " is required.");
    }
    return MetricsErrors.validation(InputValidator.summary(violations));
  }
}
