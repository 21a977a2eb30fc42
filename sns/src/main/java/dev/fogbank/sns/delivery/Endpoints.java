package dev.fogbank.sns.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.retry.DeadLetterTargets;
import dev.fogbank.core.retry.PhasedRetryPolicy;
import dev.fogbank.core.retry.RetryPolicy;
import dev.fogbank.core.retry.RetryScheduler;
import dev.fogbank.core.retry.RetryScheduler.Outcome;
import dev.fogbank.sns.publish.MessageAttribute;
import dev.fogbank.sns.publish.SnsMessage;
import dev.fogbank.sns.topic.Subscription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one message to one subscription by its protocol:
 *
 * <ul>
 *   <li>{@code sqs}: {@code SendMessage} through the in-process client, the envelope or (raw) the
 *       message with its attributes as SQS message attributes;
 *   <li>{@code lambda}: an asynchronous {@code Invoke} with the SNS event, when Lambda runs;
 *   <li>{@code http}/{@code https}: a real POST with SNS's headers, never on the scheduler thread;
 *   <li>{@code email}, {@code email-json}, {@code sms}, {@code application}, {@code firehose}:
 *       recorded for the admin endpoint, not sent.
 * </ul>
 *
 * Failures retry by the delivery policy (HTTP/S: the subscription's or topic's, 3 × 20 s by
 * default; SQS and Lambda: the AWS managed endpoints' policy) and then go to the subscription's
 * RedrivePolicy dead-letter queue; client-side errors (a deleted queue, a missing function) go
 * there at once, as SNS does ("Amazon SNS dead-letter queues").
 */
public final class Endpoints {

  private static final Logger log = LoggerFactory.getLogger(Endpoints.class);

  /** A delivery's body and SQS attributes, kept for its retries and its dead letter. */
  private record Payload(SnsMessage message, Subscription subscription, String body, ObjectNode sqsAttributes) {}

  private final InProcessClient client;
  private final RetryScheduler retries;
  private final DeliveryThrottle throttle;
  private final DeadLetterTargets deadLetters;
  private final Envelope envelope;
  /** Made on first HTTP delivery: building an HttpClient costs hundreds of ms of start-up. */
  private final Supplier<HttpClient> http;
  private final BiConsumer<Subscription, ObjectNode> recorder;

  public Endpoints(
      InProcessClient client,
      RetryScheduler retries,
      DeliveryThrottle throttle,
      Envelope envelope,
      Supplier<HttpClient> http,
      BiConsumer<Subscription, ObjectNode> recorder) {
    this.client = client;
    this.retries = retries;
    this.throttle = throttle;
    this.deadLetters = new DeadLetterTargets(client);
    this.envelope = envelope;
    this.http = http;
    this.recorder = recorder;
  }

  public Envelope envelope() {
    return envelope;
  }

  public DeliveryThrottle throttle() {
    return throttle;
  }

  public void deliver(SnsMessage m, Subscription s) {
    switch (s.protocol()) {
      case "sqs" -> sqs(m, s);
      case "lambda" -> lambda(m, s);
      case "http", "https" -> http(m, s);
      default -> record(m, s);
    }
  }

  private String signatureVersion(Subscription s) {
    String v = s.topic().attribute("SignatureVersion");
    return v == null ? "1" : v;
  }

  // ------------------------------------------------------------------ SQS

  private void sqs(SnsMessage m, Subscription s) {
    String text = m.messageFor("sqs");
    Payload p;
    if (s.rawMessageDelivery()) {
      ObjectNode attributes = Json.object();
      m.attributes().forEach((k, v) -> attributes.set(k, v.sqsShape()));
      p = new Payload(m, s, text, attributes);
    } else {
      p = new Payload(m, s, envelope.notification(m, text, s.arn(), signatureVersion(s)), null);
    }
    // The first attempt runs here, in the topic's order; only a failure leaves it.
    Outcome first = sendToQueue(p);
    if (first instanceof Outcome.Delivered) {
      return;
    }
    if (first instanceof Outcome.Failed f) {
      deadLetter(p, 1, f.error());
      return;
    }
    retries.submit(
        p,
        PhasedRetryPolicy.awsManagedEndpoints(),
        (payload, n) -> CompletableFuture.completedFuture(n == 1 ? first : sendToQueue(payload)),
        this::deadLetter);
  }

  private Outcome sendToQueue(Payload p) {
    Subscription s = p.subscription();
    String[] arn = s.endpoint().split(":", 6);
    if (arn.length != 6) {
      return Outcome.failed("InvalidParameter: " + s.endpoint());
    }
    try {
      String url = s.queueUrl();
      if (url == null) {
        url = deadLetters.queueUrl(arn[4], arn[3], arn[5]);
        s.queueUrl(url);
      }
      ObjectNode input = Json.object().put("QueueUrl", url).put("MessageBody", p.body());
      if (p.sqsAttributes() != null && !p.sqsAttributes().isEmpty()) {
        input.set("MessageAttributes", p.sqsAttributes());
      }
      if (s.topic().fifo()) {
        input.put("MessageGroupId", p.message().messageGroupId());
        input.put("MessageDeduplicationId", p.message().deduplicationId());
      }
      client.call("sqs", "SendMessage", arn[4], arn[3], input);
      return Outcome.DELIVERED;
    } catch (AwsException e) {
      s.queueUrl(null);
      // SQS's answers are the subscriber's side: a deleted queue, a message it refuses.
      return e.senderFault() ? Outcome.failed(e.code() + ": " + e.getMessage()) : Outcome.retry(e.code());
    } catch (RuntimeException e) {
      return Outcome.retry(String.valueOf(e.getMessage()));
    }
  }

  // ------------------------------------------------------------------ Lambda

  private void lambda(SnsMessage m, Subscription s) {
    String text = m.messageFor("lambda");
    ObjectNode event = envelope.lambdaEvent(m, text, s.arn(), signatureVersion(s));
    Payload p = new Payload(m, s, Json.text(event), null);
    retries.submit(p, PhasedRetryPolicy.awsManagedEndpoints(), (payload, n) -> CompletableFuture.completedFuture(invoke(payload)), this::deadLetter);
  }

  private Outcome invoke(Payload p) {
    if (!client.has("lambda")) {
      return Outcome.retry("Lambda is not running");
    }
    String[] arn = p.subscription().endpoint().split(":", 7);
    if (arn.length < 7) {
      return Outcome.failed("InvalidParameter: " + p.subscription().endpoint());
    }
    ObjectNode input =
        Json.object()
            .put("FunctionName", p.subscription().endpoint())
            .put("InvocationType", "Event")
            .put("Payload", Base64.getEncoder().encodeToString(p.body().getBytes(StandardCharsets.UTF_8)));
    try {
      client.call("lambda", "Invoke", arn[4], arn[3], input);
      return Outcome.DELIVERED;
    } catch (AwsException e) {
      boolean throttled = e.status() == 429 || e.code().contains("Throttl") || e.code().equals("TooManyRequestsException");
      return e.senderFault() && !throttled ? Outcome.failed(e.code() + ": " + e.getMessage()) : Outcome.retry(e.code());
    } catch (RuntimeException e) {
      return Outcome.retry(String.valueOf(e.getMessage()));
    }
  }

  // ------------------------------------------------------------------ HTTP/S

  private void http(SnsMessage m, Subscription s) {
    String text = m.messageFor(s.protocol());
    String body = s.rawMessageDelivery() ? text : envelope.notification(m, text, s.arn(), signatureVersion(s));
    Payload p = new Payload(m, s, body, null);
    RetryPolicy policy = s.deliveryPolicy();
    if (policy == null) {
      PhasedRetryPolicy topic = DeliveryPolicies.topic(s.topic().attribute("DeliveryPolicy"), "");
      policy = topic != null ? topic : PhasedRetryPolicy.httpDefault();
    }
    Integer rate = DeliveryPolicies.maxReceivesPerSecond(s.attributes().get("DeliveryPolicy"), s.topic().attribute("DeliveryPolicy"));
    retries.submit(p, policy, (payload, n) -> throttle.admit(s.arn(), rate, () -> post(payload)), this::deadLetter);
  }

  private CompletionStage<Outcome> post(Payload p) {
    Subscription s = p.subscription();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(s.endpoint()))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", DeliveryPolicies.contentType(s.attributes().get("DeliveryPolicy"), s.topic().attribute("DeliveryPolicy")))
            .header("User-Agent", "Amazon Simple Notification Service Agent")
            .header("x-amz-sns-message-type", "Notification")
            .header("x-amz-sns-message-id", p.message().messageId())
            .header("x-amz-sns-topic-arn", s.topicArn())
            .header("x-amz-sns-subscription-arn", s.arn());
    if (s.rawMessageDelivery()) {
      request.header("x-amz-sns-rawdelivery", "true");
    }
    return send(request.POST(HttpRequest.BodyPublishers.ofString(p.body())).build());
  }

  /**
   * POSTs a SubscriptionConfirmation (or UnsubscribeConfirmation) to an HTTP/S endpoint, retried
   * by the default policy.
   */
  public void confirmation(Subscription s, String type, String messageId, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(s.endpoint()))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "text/plain; charset=UTF-8")
            .header("User-Agent", "Amazon Simple Notification Service Agent")
            .header("x-amz-sns-message-type", type)
            .header("x-amz-sns-message-id", messageId)
            .header("x-amz-sns-topic-arn", s.topicArn())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    retries.submit(request, PhasedRetryPolicy.httpDefault(), (r, n) -> send(r), (r, n, error) ->
        log.info("{} to {} not delivered after {} attempts: {}", type, s.endpoint(), n, error));
  }

  /** Any 2xx answer delivers; other statuses, timeouts and refused connections are retried. */
  private CompletionStage<Outcome> send(HttpRequest request) {
    return http.get().sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              if (error != null) {
                return Outcome.retry(error.getClass().getSimpleName() + ": " + error.getMessage());
              }
              int status = response.statusCode();
              return status >= 200 && status < 300 ? Outcome.DELIVERED : Outcome.retry("HTTP " + status);
            });
  }

  // ------------------------------------------------------------------ recorded protocols

  private void record(SnsMessage m, Subscription s) {
    ObjectNode entry = Json.object();
    entry.put("Protocol", s.protocol());
    entry.put("Endpoint", s.endpoint());
    entry.put("TopicArn", s.topicArn());
    entry.put("SubscriptionArn", s.arn());
    entry.put("MessageId", m.messageId());
    String text = m.messageFor(s.protocol());
    entry.put("Message", s.protocol().equals("email-json") ? envelope.notification(m, text, s.arn(), signatureVersion(s)) : text);
    if (m.subject() != null) {
      entry.put("Subject", m.subject());
    }
    ObjectNode attributes = entry.putObject("MessageAttributes");
    m.attributes().forEach((k, v) -> attributes.set(k, v.envelopeShape()));
    entry.put("Timestamp", Envelope.timestamp(m.timestamp()));
    recorder.accept(s, entry);
  }

  // ------------------------------------------------------------------ dead letters

  /**
   * Sends an undeliverable message to the subscription's dead-letter queue, with the attributes
   * SNS adds ({@code ErrorCode}, {@code ErrorMessage}, {@code RequestID}) as far as SQS's ten
   * attributes allow; without a RedrivePolicy SNS discards it.
   */
  private void deadLetter(Payload p, int attempts, String error) {
    Subscription s = p.subscription();
    String target = s.deadLetterTargetArn();
    if (target == null) {
      log.info("message {} to {} discarded after {} attempts: {}", p.message().messageId(), s.arn(), attempts, error);
      return;
    }
    ObjectNode attributes = p.sqsAttributes() == null ? Json.object() : p.sqsAttributes().deepCopy();
    String code = error == null ? "" : error.contains(":") ? error.substring(0, error.indexOf(':')) : error;
    Map<String, String> added =
        Map.of("ErrorCode", code.isEmpty() ? "Unknown" : code, "ErrorMessage", error == null ? "" : error, "RequestID", p.message().messageId());
    for (String name : new String[] {"RequestID", "ErrorCode", "ErrorMessage"}) {
      if (attributes.size() < 10 && !attributes.has(name) && !added.get(name).isEmpty()) {
        attributes.set(name, new MessageAttribute("String", added.get(name), null).sqsShape());
      }
    }
    boolean fifo = target.endsWith(".fifo");
    DeadLetterTargets.Letter letter =
        new DeadLetterTargets.Letter(
            p.body(),
            attributes,
            fifo ? p.message().messageGroupId() : null,
            fifo ? p.message().deduplicationId() : null);
    try {
      deadLetters.send(target, letter);
    } catch (RuntimeException e) {
      log.warn("dead-letter queue {} refused message {}: {}", target, p.message().messageId(), e.getMessage());
    }
  }
}
