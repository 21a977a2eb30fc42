package dev.fogbank.core.engine;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.rest.OperationMatcher;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A service for core tests: a real AWS model (extracted into the test classes at build time)
 * and whatever handlers the test gives it. REST services claim their model's paths.
 */
public final class FixtureModule implements ServiceModule {

  private final String name;
  private final ServiceModel model;
  private final Map<String, OperationHandler> handlers = new HashMap<>();
  private Set<Protocol> protocols;
  private String errorTypePrefix = "";
  private int resets;
  private java.util.function.Consumer<ServiceContext> onStart = context -> {};

  public FixtureModule(String name, String modelName) {
    this.name = name;
    this.model = ServiceModel.load(FixtureModule.class, modelName);
  }

  public FixtureModule handler(String operation, OperationHandler handler) {
    handlers.put(operation, handler);
    return this;
  }

  /** Runs when the emulator starts the module: to register admin routes. */
  public FixtureModule onStart(java.util.function.Consumer<ServiceContext> action) {
    this.onStart = action;
    return this;
  }

  public FixtureModule protocols(Protocol... protocols) {
    this.protocols = Set.of(protocols);
    return this;
  }

  /** Qualifies JSON error types as the service does ({@code com.amazonaws.sqs#}). */
  public FixtureModule errorTypePrefix(String prefix) {
    this.errorTypePrefix = prefix;
    return this;
  }

  public int resets() {
    return resets;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ServiceModel model() {
    return model;
  }

  @Override
  public Set<Protocol> protocols() {
    return protocols != null ? protocols : ServiceModule.super.protocols();
  }

  @Override
  public void start(ServiceContext context) {
    onStart.accept(context);
  }

  @Override
  public Map<String, OperationHandler> handlers() {
    return handlers;
  }

  @Override
  public void reset() {
    resets++;
  }

  @Override
  public boolean claims(AwsRequest request) {
    String protocol = model.metadata().protocol();
    return protocol.startsWith("rest-") && OperationMatcher.claims(model, request);
  }

  @Override
  public String jsonErrorType(AwsException error) {
    return errorTypePrefix + error.code();
  }
}
