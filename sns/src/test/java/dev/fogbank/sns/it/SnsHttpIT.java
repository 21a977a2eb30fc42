package dev.fogbank.sns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * HTTP/S subscriptions against a real local HTTP server: the SubscriptionConfirmation flow with
 * its token, notifications with SNS's headers, raw delivery, and retries by the default delivery
 * policy ending in the dead-letter queue — on virtual time, without sleeping.
 */
class SnsHttpIT extends SnsItSupport {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request the endpoint received. */
  record Received(String path, String type, Map<String, List<String>> headers, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void startEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getPath();
      received.add(new Received(path, exchange.getRequestHeaders().getFirst("x-amz-sns-message-type"), Map.copyOf(exchange.getRequestHeaders()), body));
      // "/fail" confirms its subscription but fails every notification.
      boolean notification = "Notification".equals(exchange.getRequestHeaders().getFirst("x-amz-sns-message-type"));
      int status = path.startsWith("/fail") && notification ? 500 : 200;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopEndpoint() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private Received next() throws InterruptedException {
    Received r = received.poll(20, TimeUnit.SECONDS);
    assertNotNull(r, "the endpoint received nothing");
    return r;
  }

  private static String header(Received r, String name) {
    return r.headers().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().get(0))
        .findFirst()
        .orElse(null);
  }

  @Test
  void confirmedEndpointReceivesNotificationsWithSnsHeaders() throws Exception {
    String topic = topic(unique("http"));
    String pending = sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(url("/ok"))).subscriptionArn();
    assertEquals("pending confirmation", pending);

    Received confirmation = next();
    assertEquals("SubscriptionConfirmation", confirmation.type());
    JsonNode c = confirmation.json();
    assertEquals("SubscriptionConfirmation", c.path("Type").asText());
    assertEquals(topic, c.path("TopicArn").asText());
    assertEquals(topic, header(confirmation, "x-amz-sns-topic-arn"));
    String token = c.path("Token").asText();
    assertTrue(token.length() >= 64);

    // The token with its first digit changed: another token, whatever digit it started with.
    String otherToken = (token.charAt(0) == '0' ? "1" : "0") + token.substring(1);
    InvalidParameterException wrong =
        assertThrows(InvalidParameterException.class, () -> sns.confirmSubscription(b -> b.topicArn(topic).token(otherToken)));
    assertEquals("Invalid parameter: Token", wrong.awsErrorDetails().errorMessage());

    // Visiting the SubscribeURL, unsigned, as an endpoint's owner does.
    HttpResponse<String> visit =
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(c.path("SubscribeURL").asText())).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, visit.statusCode());
    assertTrue(visit.body().contains("<ConfirmSubscriptionResult><SubscriptionArn>" + topic + ":"), visit.body());
    String arn = sns.confirmSubscription(b -> b.topicArn(topic).token(token)).subscriptionArn();
    assertEquals("false", sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes().get("PendingConfirmation"));

    String id = sns.publish(p -> p.topicArn(topic).message("to http").subject("s")).messageId();
    Received n = next();
    assertEquals("/ok", n.path());
    assertEquals("Notification", header(n, "x-amz-sns-message-type"));
    assertEquals(id, header(n, "x-amz-sns-message-id"));
    assertEquals(topic, header(n, "x-amz-sns-topic-arn"));
    assertEquals(arn, header(n, "x-amz-sns-subscription-arn"));
    assertEquals("text/plain; charset=UTF-8", header(n, "Content-Type"));
    assertEquals("to http", n.json().path("Message").asText());
    assertEquals(id, n.json().path("MessageId").asText());
  }

  @Test
  void rawDeliveryPostsTheMessageItself() throws Exception {
    String topic = topic(unique("http-raw"));
    sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(url("/raw")).attributes(Map.of("RawMessageDelivery", "true")));
    String token = next().json().path("Token").asText();
    sns.confirmSubscription(b -> b.topicArn(topic).token(token));

    sns.publish(p -> p.topicArn(topic).message("just this"));
    Received n = next();
    assertEquals("just this", n.body());
    assertEquals("true", header(n, "x-amz-sns-rawdelivery"));
  }

  @Test
  void failingEndpointIsRetriedThreeTimesTwentySecondsApartThenRedrivenToTheDlq() throws Exception {
    String topic = topic(unique("http-fail"));
    Queue dlq = queue(unique("http-dlq"));
    sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(url("/fail"))
        .attributes(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}")));
    String token = next().json().path("Token").asText();
    sns.confirmSubscription(b -> b.topicArn(topic).token(token));

    String id = sns.publish(p -> p.topicArn(topic).message("doomed")).messageId();
    assertEquals(id, header(next(), "x-amz-sns-message-id"));
    // SNS's default HTTP/S policy: three retries, 20 seconds apart. Each one comes once virtual time reaches it.
    for (int retry = 1; retry <= 3; retry++) {
      Received r = null;
      for (int i = 0; i < 100 && r == null; i++) {
        fogbank.advance(Duration.ofSeconds(20));
        r = received.poll(100, TimeUnit.MILLISECONDS);
      }
      assertNotNull(r, "retry " + retry + " never came");
      assertEquals(id, header(r, "x-amz-sns-message-id"));
    }

    Message dead =
        sqs.receiveMessage(b -> b.queueUrl(dlq.url()).waitTimeSeconds(20).messageAttributeNames("All")).messages().get(0);
    assertEquals(id, JSON.readTree(dead.body()).path("MessageId").asText());
    assertEquals("doomed", JSON.readTree(dead.body()).path("Message").asText());
    assertTrue(dead.messageAttributes().get("ErrorMessage").stringValue().contains("HTTP 500"));

    fogbank.advance(Duration.ofMinutes(10));
    assertNull(received.poll(300, TimeUnit.MILLISECONDS), "no fifth attempt");
  }

  @Test
  void unsubscribeSendsAnUnsubscribeConfirmationWhoseTokenRestoresTheSubscription() throws Exception {
    String topic = topic(unique("http-unsub"));
    sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(url("/unsub")));
    String token = next().json().path("Token").asText();
    String arn = sns.confirmSubscription(b -> b.topicArn(topic).token(token)).subscriptionArn();

    sns.unsubscribe(b -> b.subscriptionArn(arn));
    Received bye = next();
    assertEquals("UnsubscribeConfirmation", bye.type());
    JsonNode u = bye.json();
    assertEquals("UnsubscribeConfirmation", u.path("Type").asText());
    // The text of SNS's UnsubscribeConfirmation ("HTTP/HTTPS unsubscribe confirmation JSON format").
    assertEquals(
        "You have chosen to deactivate subscription " + arn
            + ".\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.",
        u.path("Message").asText());
    assertTrue(u.path("SubscribeURL").asText().contains("Token=" + u.path("Token").asText()));
    assertTrue(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().isEmpty());

    String restored = sns.confirmSubscription(b -> b.topicArn(topic).token(u.path("Token").asText())).subscriptionArn();
    assertEquals(arn, restored);
    sns.publish(p -> p.topicArn(topic).message("welcome back"));
    assertEquals("welcome back", next().json().path("Message").asText());
  }

  @Test
  void aPendingSubscriptionIsDeletedAfter48HoursAndItsTokenNoLongerConfirms() throws Exception {
    String topic = topic(unique("http-pending"));
    sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(url("/late")));
    String token = next().json().path("Token").asText();
    assertEquals(1, sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().size());

    fogbank.advance(Duration.ofHours(47));
    assertEquals(1, sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().size());
    // SNS deletes subscriptions still pending confirmation after 48 hours.
    fogbank.advance(Duration.ofHours(1));
    assertTrue(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().isEmpty());
    InvalidParameterException expired =
        assertThrows(InvalidParameterException.class, () -> sns.confirmSubscription(b -> b.topicArn(topic).token(token)));
    assertEquals("Invalid parameter: Token", expired.awsErrorDetails().errorMessage());
  }

  @Test
  void throttlePolicyHoldsDeliveriesBackToMaxReceivesPerSecond() throws Exception {
    String topic = topic(unique("http-throttle"));
    sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(url("/slow"))
        .attributes(Map.of("DeliveryPolicy", "{\"throttlePolicy\":{\"maxReceivesPerSecond\":1}}")));
    String token = next().json().path("Token").asText();
    sns.confirmSubscription(b -> b.topicArn(topic).token(token));

    for (int i = 0; i < 3; i++) {
      int n = i;
      sns.publish(p -> p.topicArn(topic).message("m" + n));
    }
    assertNotNull(next(), "the first delivery goes at once");
    // The clock stands still: one delivery a second means nothing more until it moves.
    assertNull(received.poll(300, TimeUnit.MILLISECONDS), "the second delivery waits for the next second");
    fogbank.advance(Duration.ofSeconds(1));
    assertNotNull(next());
    assertNull(received.poll(300, TimeUnit.MILLISECONDS));
    fogbank.advance(Duration.ofSeconds(1));
    assertNotNull(next());

    InvalidParameterException bad =
        assertThrows(InvalidParameterException.class, () -> sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(url("/bad"))
            .attributes(Map.of("DeliveryPolicy", "{\"throttlePolicy\":{\"maxReceivesPerSecond\":0}}"))));
    assertTrue(bad.awsErrorDetails().errorMessage().contains("maxReceivesPerSecond"));
  }
}
