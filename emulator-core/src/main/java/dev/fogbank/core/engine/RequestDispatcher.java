package dev.fogbank.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.admin.AdminApi;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.engine.ServiceRegistry.Service;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.error.CommonErrors;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.InputValidator;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import dev.fogbank.core.protocol.Violation;
import dev.fogbank.core.routing.Route;
import dev.fogbank.core.routing.ServiceRouter;
import dev.fogbank.core.routing.SigV4;
import dev.fogbank.core.routing.UnroutedErrors;
import dev.fogbank.core.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request's way through, without HTTP: route, decode, validate, run the operation, encode. Every
 * answer — success, AWS error or our own failure — leaves in the protocol's shape with an {@code
 * x-amzn-RequestId}. Also the in-process client, which takes the same path minus the wire.
 */
public final class RequestDispatcher implements InProcessClient {

  private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

  private final EmulatorConfig config;
  private final ServiceRegistry registry;
  private final ServiceRouter router;
  private final Clock clock;
  private volatile AdminApi admin;
  private volatile int boundPort;

  public RequestDispatcher(EmulatorConfig config, ServiceRegistry registry, Clock clock) {
    this.config = config;
    this.registry = registry;
    this.router = new ServiceRouter(registry);
    this.clock = clock;
  }

  public void admin(AdminApi admin) {
    this.admin = admin;
  }

  /**
   * The port the server is bound to, when it differs from the configured one (0, an ephemeral
   * port): in-process calls then name it in their host, so that endpoints handed on from them (a
   * function's {@code AWS_ENDPOINT_URL}) reach the server.
   */
  public void boundPort(int port) {
    this.boundPort = port;
  }

  public AwsResponse dispatch(AwsRequest request) {
    return prepare(request).run();
  }

  /**
   * A request routed to its service and operation, not yet run. Routing is cheap and never
   * blocks, so the server does it on the event loop; whether the rest runs there too depends on
   * {@link Dispatch#mayBlock()}.
   */
  public final class Dispatch {
    private final String requestId;
    private final boolean mayBlock;
    private final Supplier<AwsResponse> work;

    private Dispatch(String requestId, boolean mayBlock, Supplier<AwsResponse> work) {
      this.requestId = requestId;
      this.mayBlock = mayBlock;
      this.work = work;
    }

    /** Whether running it may wait (a long poll, a function invocation): then not on an event loop. */
    public boolean mayBlock() {
      return mayBlock;
    }

    public AwsResponse run() {
      AwsResponse response = work.get();
      response.withHeader("x-amzn-RequestId", requestId);
      return response;
    }
  }

  public Dispatch prepare(AwsRequest request) {
    String requestId = RequestIds.next();
    try {
      return route(request, requestId);
    } catch (RuntimeException e) {
      // Routing is our code, not the service's; whatever breaks there still answers in shape.
      log.error("request {} ({}) could not be routed", requestId, request, e);
      return answer(requestId, UnroutedErrors.render(request, requestId, CommonErrors.internalFailure()));
    }
  }

  private Dispatch route(AwsRequest request, String requestId) {
    if (admin != null && admin.handles(request)) {
      return new Dispatch(requestId, true, () -> admin.handle(request));
    }
    Route route;
    SigV4 sig;
    try {
      sig = SigV4.of(request);
      route = router.resolve(request, sig);
    } catch (AwsException e) {
      return answer(requestId, UnroutedErrors.render(request, requestId, e));
    }
    if (route == null) {
      if (request.path().equals("/") && request.method().equals("GET")) {
        return answer(requestId, AwsResponse.text(200, "text/plain", "healthy: fogbank\n"));
      }
      return answer(requestId, UnroutedErrors.unknownService(request, requestId));
    }
    String account = accountOf(sig.accessKeyId());
    String region = sig.region() != null ? sig.region() : config.region();
    String host = request.header("Host");
    if (host == null) {
      host = "localhost:" + config.port();
    }
    ProtocolCodec codec = route.codec();
    RequestContext ctx = new RequestContext(requestId, account, region, host, codec.protocol(), request, clock);
    Operation operation;
    try {
      String name = codec.operationName(request);
      operation = name == null ? null : route.service().model().operation(name);
      if (operation == null) {
        throw unknownOperation(codec.protocol(), name);
      }
    } catch (AwsException e) {
      return answer(requestId, codec.encodeError(ctx, e));
    }
    boolean mayBlock = route.service().module().mayBlock(operation.name());
    return new Dispatch(requestId, mayBlock, () -> execute(route, ctx, operation));
  }

  private Dispatch answer(String requestId, AwsResponse response) {
    return new Dispatch(requestId, false, () -> response);
  }

  private AwsResponse execute(Route route, RequestContext ctx, Operation operation) {
    ProtocolCodec codec = route.codec();
    try {
      ObjectNode input = codec.decode(ctx.request(), operation);
      JsonNode output = invoke(route.service(), operation, ctx, input);
      return codec.encode(ctx, operation, output);
    } catch (AwsException e) {
      return codec.encodeError(ctx, e);
    } catch (RuntimeException e) {
      log.error("request {} ({}) failed", ctx.requestId(), ctx.request(), e);
      return codec.encodeError(ctx, CommonErrors.internalFailure());
    }
  }

  /** The WebSocket endpoint a service registered for an upgrade request, or null. */
  public dev.fogbank.core.server.WebSocketEndpoint webSocketEndpoint(AwsRequest head) {
    AdminApi admin = this.admin;
    return admin == null ? null : admin.webSocketEndpoint(head);
  }

  /**
   * Whether the service a request head routes to reads its body as a stream ({@link
   * ServiceModule#streamsRequestBody}); the server then dispatches it before the body arrives.
   */
  public boolean streamsRequestBody(AwsRequest head) {
    // Only REST services stream; JSON and query requests are recognisable from their headers.
    if (head.header("X-Amz-Target") != null || head.isFormUrlEncoded()) {
      return false;
    }
    if (admin != null && admin.handles(head)) {
      return false;
    }
    try {
      Route route = router.resolve(head, SigV4.of(head));
      return route != null && route.service().module().streamsRequestBody(head);
    } catch (AwsException e) {
      return false;
    }
  }

  private JsonNode invoke(Service service, Operation operation, RequestContext ctx, ObjectNode input) {
    OperationHandler handler = service.module().handlers().get(operation.name());
    if (handler == null) {
      throw CommonErrors.notImplemented(service.model().metadata().serviceId(), operation.name());
    }
    List<Violation> violations = InputValidator.validate(operation.input(), input);
    if (!violations.isEmpty()) {
      throw service.module().validationError(ctx.protocol(), violations);
    }
    return handler.handle(ctx, input);
  }

  private static AwsException unknownOperation(Protocol protocol, String name) {
    if (protocol == Protocol.QUERY) {
      return name == null ? CommonErrors.missingAction() : CommonErrors.invalidAction(name);
    }
    if (protocol == Protocol.REST_JSON || protocol == Protocol.REST_XML) {
      // No operation has this method and path: AWS's front end answers 404, before the service.
      return new AwsException("UnknownOperationException", null, 404);
    }
    return CommonErrors.unknownOperation();
  }

  /** A 12-digit access key id is the account id; any other key belongs to the default account. */
  public String accountOf(String accessKeyId) {
    if (accessKeyId != null && accessKeyId.length() == 12 && accessKeyId.chars().allMatch(Character::isDigit)) {
      return accessKeyId;
    }
    return config.account();
  }

  @Override
  public JsonNode call(String serviceName, String operationName, String account, String region, ObjectNode input) {
    Service service = registry.byName(serviceName);
    if (service == null) {
      throw new IllegalArgumentException("no service " + serviceName);
    }
    Operation operation = service.model().operation(operationName);
    if (operation == null) {
      throw CommonErrors.unknownOperation();
    }
    RequestContext ctx =
        new RequestContext(
            RequestIds.next(),
            account,
            region,
            "localhost:" + (boundPort > 0 ? boundPort : config.port()),
            service.primaryCodec().protocol(),
            null,
            clock);
    return invoke(service, operation, ctx, input);
  }

  @Override
  public boolean has(String service) {
    return registry.byName(service) != null;
  }
}
