package dev.fogbank.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.Version;
import dev.fogbank.core.engine.ServiceRegistry;
import dev.fogbank.core.engine.ServiceRegistry.Service;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.server.WebSocketEndpoint;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.core.time.VirtualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Fogbank's own endpoints under {@code /_fogbank/}, and LocalStack's health and reset endpoints
 * under {@code /_localstack/} for tools that expect them.
 *
 * <ul>
 *   <li>{@code GET /_fogbank/health}, {@code GET /_localstack/health}: services and their state;
 *   <li>{@code POST /_fogbank/reset}, {@code POST /_localstack/state/reset}: drop all resources;
 *   <li>{@code GET /_fogbank/clock}: {@code {"now", "virtual", "frozen"}};
 *   <li>{@code POST /_fogbank/clock} (virtual time only): {@code {"advance": "PT4M"}}, {@code
 *       {"set": "<ISO-8601>"}} (forward only) or {@code {"freeze": true|false}}.
 * </ul>
 *
 * Services may add their own endpoints ({@link #route}) and WebSocket endpoints ({@link #webSocket}).
 */
public final class AdminApi {

  private final ServiceRegistry registry;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Map<String, Function<AwsRequest, AwsResponse>> extra = new ConcurrentHashMap<>();
  /** The paths of {@link #extra}'s keys, so that a service request is told apart without a key built. */
  private final Set<String> extraPaths = ConcurrentHashMap.newKeySet();
  private final List<Matched> matched = new CopyOnWriteArrayList<>();
  private final List<WebSocketEndpoint> webSockets = new CopyOnWriteArrayList<>();

  private record Matched(Predicate<AwsRequest> matches, Function<AwsRequest, AwsResponse> handler) {}

  public AdminApi(ServiceRegistry registry, Clock clock, Scheduler scheduler) {
    this.registry = registry;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** Adds an endpoint: {@code "GET /_aws/sqs/messages"} → handler. */
  public void route(String methodAndPath, Function<AwsRequest, AwsResponse> handler) {
    extraPaths.add(methodAndPath.substring(methodAndPath.indexOf(' ') + 1));
    extra.put(methodAndPath, handler);
  }

  /**
   * Adds an endpoint for every request a predicate accepts, answered as the handler writes it, not
   * in an AWS protocol: a service's own hosts or path prefixes (Lambda's function URLs).
   */
  public void route(Predicate<AwsRequest> matches, Function<AwsRequest, AwsResponse> handler) {
    matched.add(new Matched(matches, handler));
  }

  /** Adds a WebSocket endpoint: upgrade requests it accepts become WebSocket connections. */
  public void webSocket(WebSocketEndpoint endpoint) {
    webSockets.add(endpoint);
  }

  /** The first WebSocket endpoint that accepts an upgrade request, or null. */
  public WebSocketEndpoint webSocketEndpoint(AwsRequest head) {
    for (WebSocketEndpoint endpoint : webSockets) {
      if (endpoint.accepts(head)) {
        return endpoint;
      }
    }
    return null;
  }

  public boolean handles(AwsRequest request) {
    String path = request.path();
    return path.startsWith("/_fogbank/")
        || path.startsWith("/_localstack/")
        || (extraPaths.contains(path) && extra.containsKey(request.method() + " " + path))
        || matching(request) != null;
  }

  private Function<AwsRequest, AwsResponse> matching(AwsRequest request) {
    for (Matched m : matched) {
      if (m.matches().test(request)) {
        return m.handler();
      }
    }
    return null;
  }

  public AwsResponse handle(AwsRequest request) {
    String key = request.method() + " " + request.path();
    Function<AwsRequest, AwsResponse> handler = extra.get(key);
    if (handler == null) {
      handler = matching(request);
    }
    if (handler != null) {
      return handler.apply(request);
    }
    return switch (key) {
      case "GET /_fogbank/health", "GET /_localstack/health", "HEAD /_fogbank/health" -> health();
      case "POST /_fogbank/reset", "POST /_localstack/state/reset" -> reset();
      case "GET /_fogbank/clock" -> json(200, clockState());
      case "POST /_fogbank/clock" -> moveClock(request);
      default -> error(404, "no admin endpoint " + key);
    };
  }

  private AwsResponse health() {
    ObjectNode body = Json.object();
    ObjectNode services = body.putObject("services");
    for (Service service : registry.services()) {
      services.put(service.name(), service.module().state());
    }
    body.put("edition", "fogbank");
    body.put("version", Version.get());
    return json(200, body);
  }

  private AwsResponse reset() {
    List<String> names = new ArrayList<>();
    for (Service service : registry.services()) {
      service.module().reset();
      names.add(service.name());
    }
    ObjectNode body = Json.object();
    names.forEach(body.putArray("reset")::add);
    return json(200, body);
  }

  private ObjectNode clockState() {
    ObjectNode body = Json.object();
    body.put("now", clock.now().toString());
    body.put("virtual", clock.isVirtual());
    body.put("frozen", clock.isFrozen());
    return body;
  }

  private AwsResponse moveClock(AwsRequest request) {
    if (!(clock instanceof VirtualClock virtual)) {
      return error(409, "the clock is the system clock; start Fogbank with --virtual-time to move it");
    }
    JsonNode body;
    try {
      body = Json.parse(request.body());
    } catch (IOException e) {
      return error(400, "the body is not JSON");
    }
    if (body == null || !body.isObject()) {
      return error(400, "expected {\"advance\": \"PT4M\"}, {\"set\": \"<ISO-8601>\"} or {\"freeze\": true|false}");
    }
    try {
      if (body.has("freeze")) {
        virtual.freeze(body.path("freeze").asBoolean());
      }
      if (body.has("advance")) {
        Duration d = Duration.parse(body.path("advance").asText());
        if (d.isNegative()) {
          return error(400, "advance must not be negative: time only moves forward");
        }
        scheduler.advance(d);
      }
      if (body.has("set")) {
        Instant target = Instant.parse(body.path("set").asText());
        if (target.isBefore(clock.now())) {
          return error(400, "set must not be before now (" + clock.now() + "): time only moves forward");
        }
        scheduler.advanceTo(target.toEpochMilli());
      }
    } catch (DateTimeParseException e) {
      return error(400, "not an ISO-8601 value: " + e.getParsedString());
    }
    return json(200, clockState());
  }

  private static AwsResponse json(int status, JsonNode body) {
    return AwsResponse.of(status, "application/json", Json.bytes(body));
  }

  private static AwsResponse error(int status, String message) {
    return json(status, Json.object().put("error", message));
  }
}
