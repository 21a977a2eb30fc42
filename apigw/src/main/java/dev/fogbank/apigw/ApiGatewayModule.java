package dev.fogbank.apigw;

import dev.fogbank.apigw.control.ApiParts;
import dev.fogbank.apigw.control.DeploymentOperations;
import dev.fogbank.apigw.control.DomainOperations;
import dev.fogbank.apigw.control.ImportExportOperations;
import dev.fogbank.apigw.control.KeyOperations;
import dev.fogbank.apigw.control.MethodOperations;
import dev.fogbank.apigw.control.ResourceOperations;
import dev.fogbank.apigw.control.RestApiOperations;
import dev.fogbank.apigw.control.Tags;
import dev.fogbank.apigw.control.TestInvoke;
import dev.fogbank.apigw.auth.Authorization;
import dev.fogbank.apigw.auth.Jwks;
import dev.fogbank.apigw.invoke.AccessLogs;
import dev.fogbank.apigw.invoke.Deadline;
import dev.fogbank.apigw.invoke.Gateway;
import dev.fogbank.apigw.invoke.HttpCalls;
import dev.fogbank.apigw.invoke.Integrations;
import dev.fogbank.apigw.invoke.LambdaCalls;
import dev.fogbank.apigw.invoke.Mapping;
import dev.fogbank.apigw.invoke.RequestValidation;
import dev.fogbank.apigw.invoke.ResponseCache;
import dev.fogbank.apigw.invoke.ServiceCalls;
import dev.fogbank.apigw.throttle.Admission;
import dev.fogbank.apigw.throttle.Quotas;
import dev.fogbank.apigw.vtl.Templates;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.InputValidator;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.Violation;
import dev.fogbank.core.protocol.rest.OperationMatcher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon API Gateway REST APIs (v1): the control plane over restJson1 ({@code /restapis…},
 * {@code /apikeys…}, {@code /usageplans…}, {@code /domainnames…}) and the data plane on the invoke
 * URLs ({@code {apiId}.execute-api.localhost…} and {@code /restapis/{apiId}/{stage}/_user_request_/…}).
 * API Gateway v2 signs as {@code apigateway} too; this module claims only v1 paths.
 *
 * <p>Settings: {@code apigateway.account-rate} and {@code apigateway.account-burst} (the account's
 * throttle, 10 000 and 5 000 by default), {@code apigateway.cognito-jwks} (a JWKS file whose keys
 * COGNITO_USER_POOLS authorizers check token signatures with).
 */
public final class ApiGatewayModule implements ServiceModule {

  private final ServiceModel model = ServiceModel.load(getClass(), "apigateway-2015-07-09");
  private volatile ApiGatewayEngine engine;
  private volatile Map<String, OperationHandler> handlers = Map.of();
  private volatile DomainOperations domains;
  private volatile List<Runnable> resets = List.of();

  @Override
  public String name() {
    return "apigateway";
  }

  @Override
  public ServiceModel model() {
    return model;
  }

  @Override
  public void start(ServiceContext context) {
    ApiGatewayEngine engine = new ApiGatewayEngine(context);
    Map<String, OperationHandler> map = new HashMap<>();
    RestApiOperations apis = new RestApiOperations(engine, model);
    apis.register(map);
    new ImportExportOperations(engine, apis).register(map);
    new ResourceOperations(engine).register(map);
    new MethodOperations(engine, model).register(map);
    new Tags(engine).register(map);
    Quotas quotas = new Quotas(context.clock());
    new ApiParts(engine, model).register(map);
    new KeyOperations(engine, model, quotas).register(map);
    LambdaCalls lambda = new LambdaCalls(context.client(), context.clock());
    Mapping mapping = new Mapping(new Templates());
    Integrations integrations =
        new Integrations(
            lambda,
            new HttpCalls(),
            new ServiceCalls(context.client(), "http://localhost:" + context.config().port()),
            mapping,
            new Deadline(context.scheduler()));
    Authorization authorization = new Authorization(lambda, context.clock(), Jwks.load(context.config().setting("apigateway.cognito-jwks", "")));
    ResponseCache cache = new ResponseCache(context.clock());
    new DeploymentOperations(engine, model, cache, authorization).register(map);
    DomainOperations domains = new DomainOperations(engine, model);
    domains.register(map);
    this.domains = domains;
    Gateway gateway =
        new Gateway(engine, integrations, new Admission(engine, quotas), authorization, new RequestValidation(), cache,
            new AccessLogs(context.client()));
    this.resets = List.of(quotas::reset, cache::reset, authorization::reset, domains::reset, gateway::reset);
    context.admin().route(gateway::matches, gateway::serve);
    new TestInvoke(engine, gateway, authorization).register(map);
    this.engine = engine;
    this.handlers = Map.copyOf(map);
  }

  public ApiGatewayEngine engine() {
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
      resets.forEach(Runnable::run);
    }
  }

  @Override
  public boolean mayBlock(String operation) {
    return operation.equals("TestInvokeMethod") || operation.equals("ImportRestApi") || operation.equals("PutRestApi");
  }

  /**
   * v1 paths only: never {@code /v2/…}, and a {@code /tags/} ARN only when it names a v1
   * resource (v2's are {@code …::/apis/…}).
   */
  @Override
  public boolean claims(AwsRequest request) {
    String path = request.path();
    if (path.startsWith("/v2/")) {
      return false;
    }
    if (path.startsWith("/tags/")) {
      // v1 ARNs: …::/restapis/…, /apikeys/…, /usageplans/…, /clientcertificates/…; v2 has /apis/ and /vpclinks/
      return !path.contains("::/apis/") && !path.contains("::/vpclinks/");
    }
    return OperationMatcher.claims(model, request);
  }

  /** API Gateway reports broken model constraints as BadRequestException, with Coral's wording. */
  @Override
  public AwsException validationError(Protocol protocol, List<Violation> violations) {
    return ApiGatewayErrors.badRequest(InputValidator.summary(violations));
  }
}
