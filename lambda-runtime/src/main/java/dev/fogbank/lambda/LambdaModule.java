package dev.fogbank.lambda;

import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import dev.fogbank.core.protocol.Violation;
import dev.fogbank.core.protocol.rest.OperationMatcher;
import dev.fogbank.core.protocol.restjson.RestJsonCodec;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.lambda.esm.EventSourceMappings;
import dev.fogbank.lambda.invoke.AsyncInvocations;
import dev.fogbank.lambda.invoke.EventDestinations;
import dev.fogbank.lambda.logs.FunctionLogs;
import dev.fogbank.lambda.metrics.CloudWatchPublisher;
import dev.fogbank.lambda.metrics.LambdaMetrics;
import dev.fogbank.lambda.invoke.Invoker;
import dev.fogbank.lambda.runtime.EnvironmentFactory;
import dev.fogbank.lambda.url.FunctionUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * AWS Lambda over restJson1, with functions that really run: Java in-process, Python and Node as
 * local processes speaking the Runtime API Fogbank serves them.
 *
 * <p>Settings: {@code lambda.account-concurrency} (default 1000), {@code lambda.state-delay} (ISO
 * duration before a new function is Active and an update Successful; default {@code PT0S}),
 * {@code lambda.python}, {@code lambda.node} (interpreters).
 */
public final class LambdaModule implements ServiceModule {

  private final ServiceModel model = Runtimes.model("lambda-2015-03-31");
  private volatile LambdaEngine engine;
  private volatile Map<String, OperationHandler> handlers = Map.of();
  private volatile Path root;
  private volatile FunctionUrls urls;
  private volatile AsyncInvocations async;
  private volatile EventSourceMappings mappings;
  private volatile LambdaMetrics metrics;

  /** Lambda's per-function metrics (namespace AWS/Lambda), optionally {@code ?FunctionName=}. */
  static final String METRICS_PATH = "/_fogbank/lambda/metrics";

  /**
   * What the invocations would cost on AWS Lambda: per function requests, GB-seconds and cost
   * before and after the monthly free tier, optionally {@code ?FunctionName=}.
   */
  static final String COSTS_PATH = "/_fogbank/lambda/costs";

  @Override
  public String name() {
    return "lambda";
  }

  @Override
  public ServiceModel model() {
    return model;
  }

  /** Invoke's payload is JSON: Lambda answers it as {@code application/json}. */
  @Override
  public ProtocolCodec codec(Protocol protocol) {
    return protocol == Protocol.REST_JSON
        ? ResponseStreamOperations.codec(new RestJsonCodec(model).payloadContentType("Invoke", "application/json"))
        : null;
  }

  /**
   * An unknown runtime is Lambda's InvalidParameterValueException with its own wording; every
   * other broken constraint is the usual ValidationException.
   */
  @Override
  public AwsException validationError(Protocol protocol, List<Violation> violations) {
    for (Violation v : violations) {
      if (Runtimes.isUnknownRuntime(v)) {
        String value = v.value();
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
          value = value.substring(1, value.length() - 1);
        }
        return Runtimes.unknown(value);
      }
    }
    return ServiceModule.super.validationError(protocol, violations);
  }

  @Override
  public void start(ServiceContext context) {
    EmulatorConfig config = context.config();
    try {
      root = Files.createTempDirectory("fogbank-lambda");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EnvironmentFactory factory = new EnvironmentFactory(root, context.clock(), config);
    LambdaMetrics metrics = new LambdaMetrics();
    metrics.publishTo(new CloudWatchPublisher(context.client()));
    Invoker invoker = new Invoker(context.clock(), context.scheduler(), factory, metrics);
    invoker.logTo(new FunctionLogs(context.client()));
    int concurrency = Integer.parseInt(config.setting("lambda.account-concurrency", "1000"));
    LambdaEngine engine =
        new LambdaEngine(context.clock(), context.scheduler(), context.client(), invoker, root.resolve("code"), concurrency);
    Duration settle = Duration.parse(config.setting("lambda.state-delay", "PT0S"));
    CodeLocations locations = new CodeLocations(context.admin());
    EventDestinations destinations = new EventDestinations(context.client());
    AsyncInvocations async =
        new AsyncInvocations(
            invoker, context.clock(), context.scheduler(), EventInvokeConfigOperations::effective, destinations);
    EventSourceMappings mappings =
        new EventSourceMappings(context.client(), context.scheduler(), context.bus(), destinations, metrics);
    Map<String, OperationHandler> map = new HashMap<>();
    new FunctionOperations(engine, settle, locations).register(map);
    new AliasOperations(engine).register(map);
    new PolicyOperations(engine).register(map);
    new ConcurrencyOperations(engine).register(map);
    new ProvisionedConcurrencyOperations(engine).register(map);
    new LayerOperations(engine, locations).register(map);
    FunctionUrls urls = new FunctionUrls();
    new UrlOperations(engine, urls).register(map);
    new EventInvokeConfigOperations(engine, context.client()).register(map);
    new EventSourceMappingOperations(engine, mappings, context.client(), settle).register(map);
    InvokeOperations invocations = new InvokeOperations(engine, async);
    invocations.register(map);
    new ResponseStreamOperations(engine, invocations).register(map);
    FunctionUrlServer urlServer = new FunctionUrlServer(engine, invocations, urls);
    context.admin().route(urlServer::matches, urlServer::serve);
    context.admin().route("GET " + METRICS_PATH, r -> metrics(metrics, r));
    context.admin().route("GET " + COSTS_PATH, r -> costs(invoker, r));
    this.urls = urls;
    this.engine = engine;
    this.async = async;
    this.mappings = mappings;
    this.metrics = metrics;
    this.handlers = Map.copyOf(map);
    Path dir = root;
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
      invoker.shutdown();
      delete(dir);
    }));
  }

  private static AwsResponse costs(Invoker invoker, AwsRequest request) {
    byte[] body = Json.bytes(invoker.costs().json(request.queryParam("FunctionName")));
    return AwsResponse.of(200, "application/json", body);
  }

  private static AwsResponse metrics(LambdaMetrics metrics, AwsRequest request) {
    byte[] body = Json.bytes(metrics.json(request.queryParam("FunctionName")));
    return AwsResponse.of(200, "application/json", body);
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort at exit
    }
  }

  /** The engine, for embedding and tests. */
  public LambdaEngine engine() {
    return engine;
  }

  @Override
  public Map<String, OperationHandler> handlers() {
    return handlers;
  }

  @Override
  public void reset() {
    if (mappings != null) {
      mappings.reset();
    }
    if (async != null) {
      async.reset();
    }
    if (engine != null) {
      engine.reset();
    }
    if (metrics != null) {
      metrics.reset();
    }
    if (engine != null) {
      engine.invoker().costs().reset();
    }
    if (urls != null) {
      urls.reset();
    }
  }

  /** Pollers, queued events and execution environments end with the emulator. */
  @Override
  public void stop() {
    if (mappings != null) {
      mappings.reset();
    }
    if (async != null) {
      async.reset();
    }
    if (engine != null) {
      engine.invoker().shutdown();
    }
  }

  /** Requests to Lambda's paths ({@code /2015-03-31/functions…}, layers, URLs…) are Lambda's. */
  @Override
  public boolean claims(AwsRequest request) {
    return OperationMatcher.claims(model, request);
  }
}
