package dev.fogbank.sns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.InputValidator;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.Violation;
import dev.fogbank.core.retry.RetryScheduler;
import dev.fogbank.sns.delivery.DeliveryThrottle;
import dev.fogbank.sns.delivery.Endpoints;
import dev.fogbank.sns.delivery.Envelope;
import dev.fogbank.sns.delivery.Fanout;
import dev.fogbank.sns.delivery.Signer;
import dev.fogbank.sns.topic.SnsState;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Amazon SNS over the query protocol: topics, subscriptions with filter policies, publishing and
 * fan-out to SQS, Lambda, HTTP/S; SMS, email and mobile push accepted and recorded.
 *
 * <p>Admin endpoints: {@code GET /_fogbank/sns/sms} (SMS messages "sent"; {@code ?phoneNumber=},
 * {@code ?accountId=}, {@code ?region=}), {@code GET /_fogbank/sns/messages} (everything recorded:
 * email, email-json, application, firehose, email confirmations), and the signing certificate at
 * the {@code SigningCertURL}.
 */
public final class SnsModule implements ServiceModule {

  private final ServiceModel model = ServiceModel.load(SnsModule.class, "sns-2010-03-31");
  private volatile SnsEngine engine;
  private volatile Map<String, OperationHandler> handlers = Map.of();
  private volatile ExecutorService executor;
  private volatile HttpClient http;

  @Override
  public String name() {
    return "sns";
  }

  @Override
  public ServiceModel model() {
    return model;
  }

  @Override
  public void start(ServiceContext context) {
    SnsEngine engine = new SnsEngine(context.clock(), context.scheduler());
    Signer signer = new Signer(context.clock().now());
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    RetryScheduler retries = new RetryScheduler(context.scheduler(), executor);
    Endpoints endpoints =
        new Endpoints(
            context.client(),
            retries,
            new DeliveryThrottle(context.governor(), context.scheduler()),
            new Envelope(signer),
            () -> httpClient(executor),
            (subscription, entry) -> engine.record(subscription.topic().account(), subscription.topic().region(), entry));
    engine.deliveries(new Fanout(executor, endpoints), endpoints);
    Map<String, OperationHandler> map = new HashMap<>();
    new TopicOperations(engine).register(map);
    new SubscriptionOperations(engine).register(map);
    new PublishOperations(engine).register(map);
    new PlatformOperations(engine).register(map);
    new SmsOperations(engine).register(map);
    this.engine = engine;
    this.executor = executor;
    this.handlers = Map.copyOf(map);
    if (context.admin() != null) {
      EmulatorConfig config = context.config();
      context.admin().route("GET /_fogbank/sns/sms", r -> recorded(r, config, true));
      context.admin().route("GET /_fogbank/sns/messages", r -> recorded(r, config, false));
      context.admin().route(
          "GET /_fogbank/sns/" + signer.certificateName(),
          r -> AwsResponse.of(200, "application/x-pem-file", signer.certificatePem().getBytes(StandardCharsets.US_ASCII)));
    }
  }

  /** The client for HTTP/S deliveries, made on first use. */
  private synchronized HttpClient httpClient(ExecutorService executor) {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .executor(executor)
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
    }
    return http;
  }

  /** The engine, for embedding and tests. */
  public SnsEngine engine() {
    return engine;
  }

  @Override
  public Map<String, OperationHandler> handlers() {
    return handlers;
  }

  /** Ends deliveries in flight and closes the HTTP client when the emulator stops. */
  @Override
  public synchronized void stop() {
    if (http != null) {
      http.shutdownNow();
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  public void reset() {
    if (engine != null) {
      engine.reset();
    }
  }

  /**
   * SNS reports a missing or malformed member the Coral way, as {@code ValidationError}:
   * {@code 1 validation error detected: Value null at 'message' failed to satisfy constraint:
   * Member must not be null}; map members are addressed {@code messageAttributes.<name>.member.dataType}.
   */
  @Override
  public AwsException validationError(Protocol protocol, List<Violation> violations) {
    List<Violation> renamed =
        violations.stream()
            .map(v -> new Violation(
                v.path().replaceAll("(messageAttributes\\.[^.]+)\\.dataType$", "$1.member.dataType"),
                v.member(), v.value(), v.kind(), v.constraint()))
            .toList();
    return SnsErrors.validationError(InputValidator.summary(renamed));
  }

  private AwsResponse recorded(AwsRequest request, EmulatorConfig config, boolean smsOnly) {
    String account = request.queryParam("accountId");
    String region = request.queryParam("region");
    String phone = request.queryParam("phoneNumber");
    SnsState state = engine.store().peek(account != null ? account : config.account(), region != null ? region : config.region());
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray(smsOnly ? "sms_messages" : "messages");
    if (state != null) {
      for (ObjectNode entry : state.sent) {
        boolean sms = entry.has("PhoneNumber") || "sms".equals(entry.path("Protocol").asText());
        if (smsOnly && !sms) {
          continue;
        }
        String number = entry.has("PhoneNumber") ? entry.path("PhoneNumber").asText() : entry.path("Endpoint").asText();
        if (phone != null && !phone.equals(number)) {
          continue;
        }
        list.add(entry);
      }
    }
    body.put("region", region != null ? region : config.region());
    return AwsResponse.of(200, "application/json", Json.bytes(body));
  }
}
