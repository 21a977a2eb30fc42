package dev.fogbank.sns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

/** Topics through the SDK v2 (query protocol, XML answers): create, attributes, tags, delete, errors. */
class SnsTopicIT extends SnsItSupport {

  @Test
  void createTopicIsIdempotentAndListed() {
    String name = unique("topic");
    String arn = topic(name);
    assertEquals("arn:aws:sns:us-east-1:000000000000:" + name, arn);
    assertEquals(arn, topic(name));
    List<String> arns = sns.listTopicsPaginator(b -> {}).topics().stream().map(Topic::topicArn).toList();
    assertTrue(arns.contains(arn));
  }

  @Test
  void listTopicsPagesByHundred() {
    String prefix = unique("page");
    for (int i = 0; i < 105; i++) {
      topic(prefix + "-" + i);
    }
    var first = sns.listTopics();
    // ListTopics: "Each call returns a limited list of topics, up to 100."
    assertEquals(100, first.topics().size());
    assertTrue(first.nextToken() != null);
    long ours = sns.listTopicsPaginator(b -> {}).topics().stream().filter(t -> t.topicArn().contains(prefix)).count();
    assertEquals(105, ours);
  }

  @Test
  void getTopicAttributesReportsDefaults() {
    String arn = topic(unique("attrs"));
    Map<String, String> a = sns.getTopicAttributes(b -> b.topicArn(arn)).attributes();
    assertEquals(arn, a.get("TopicArn"));
    assertEquals("000000000000", a.get("Owner"));
    assertEquals("0", a.get("SubscriptionsConfirmed"));
    assertEquals("0", a.get("SubscriptionsPending"));
    assertEquals("0", a.get("SubscriptionsDeleted"));
    assertEquals("", a.get("DisplayName"));
    assertTrue(a.get("Policy").contains("__default_policy_ID"));
    assertTrue(a.get("EffectiveDeliveryPolicy").contains("\"numRetries\":3"));
    assertFalse(a.containsKey("FifoTopic"));
  }

  @Test
  void setTopicAttributesStoresAndValidates() {
    String arn = topic(unique("set"));
    sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("DisplayName").attributeValue("My Topic"));
    sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("HTTPSuccessFeedbackSampleRate").attributeValue("50"));
    Map<String, String> a = sns.getTopicAttributes(b -> b.topicArn(arn)).attributes();
    assertEquals("My Topic", a.get("DisplayName"));
    assertEquals("50", a.get("HTTPSuccessFeedbackSampleRate"));

    InvalidParameterException e =
        assertThrows(InvalidParameterException.class,
            () -> sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("Bogus").attributeValue("x")));
    assertEquals("Invalid parameter: AttributeName", e.awsErrorDetails().errorMessage());
    assertEquals("InvalidParameter", e.awsErrorDetails().errorCode());
    assertEquals(400, e.statusCode());
  }

  @Test
  void unknownTopicIsNotFound() {
    NotFoundException e =
        assertThrows(NotFoundException.class,
            () -> sns.getTopicAttributes(b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:missing-topic")));
    assertEquals("Topic does not exist", e.awsErrorDetails().errorMessage());
    assertEquals(404, e.statusCode());
  }

  @Test
  void malformedTopicArnIsInvalidParameter() {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> sns.getTopicAttributes(b -> b.topicArn("not-an-arn")));
    assertEquals("Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1", e.awsErrorDetails().errorMessage());
  }

  @Test
  void invalidTopicNamesAreRejected() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> topic("bad name!"));
    assertEquals("Invalid parameter: Topic Name", e.awsErrorDetails().errorMessage());
    InvalidParameterException fifo =
        assertThrows(InvalidParameterException.class,
            () -> sns.createTopic(b -> b.name("no-suffix").attributes(Map.of("FifoTopic", "true"))));
    assertTrue(fifo.awsErrorDetails().errorMessage().startsWith("Invalid parameter: Fifo Topic names must end with .fifo"));
  }

  @Test
  void createTopicWithDifferentAttributesFails() {
    String name = unique("conflict");
    sns.createTopic(b -> b.name(name).attributes(Map.of("DisplayName", "one")));
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class,
            () -> sns.createTopic(b -> b.name(name).attributes(Map.of("DisplayName", "two"))));
    assertEquals("Invalid parameter: Attributes Reason: Topic already exists with different attributes", e.awsErrorDetails().errorMessage());
  }

  @Test
  void tagsAreAddedListedAndRemoved() {
    String name = unique("tags");
    String arn = sns.createTopic(b -> b.name(name).tags(Tag.builder().key("team").value("a").build())).topicArn();
    sns.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("dev").build()));
    assertEquals(
        List.of(Tag.builder().key("team").value("a").build(), Tag.builder().key("env").value("dev").build()),
        sns.listTagsForResource(b -> b.resourceArn(arn)).tags());
    sns.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
    assertEquals(List.of(Tag.builder().key("env").value("dev").build()), sns.listTagsForResource(b -> b.resourceArn(arn)).tags());

    ResourceNotFoundException missing =
        assertThrows(ResourceNotFoundException.class,
            () -> sns.listTagsForResource(b -> b.resourceArn("arn:aws:sns:us-east-1:000000000000:nope")));
    assertEquals("Resource does not exist", missing.awsErrorDetails().errorMessage());
  }

  @Test
  void deleteTopicIsIdempotentAndDropsSubscriptions() {
    String arn = topic(unique("delete"));
    Queue q = queue(unique("q"));
    String sub = subscribe(arn, q, Map.of());
    sns.deleteTopic(b -> b.topicArn(arn));
    sns.deleteTopic(b -> b.topicArn(arn));
    assertThrows(NotFoundException.class, () -> sns.getTopicAttributes(b -> b.topicArn(arn)));
    assertThrows(NotFoundException.class, () -> sns.getSubscriptionAttributes(b -> b.subscriptionArn(sub)));
  }

  @Test
  void permissionsEditThePolicy() {
    String arn = topic(unique("perm"));
    sns.addPermission(b -> b.topicArn(arn).label("share").awsAccountIds("111122223333").actionNames("Publish"));
    String policy = sns.getTopicAttributes(b -> b.topicArn(arn)).attributes().get("Policy");
    assertTrue(policy.contains("\"Sid\":\"share\"") && policy.contains("arn:aws:iam::111122223333:root"));
    InvalidParameterException again =
        assertThrows(InvalidParameterException.class,
            () -> sns.addPermission(b -> b.topicArn(arn).label("share").awsAccountIds("111122223333").actionNames("Publish")));
    assertEquals("Invalid parameter: Statement already exists", again.awsErrorDetails().errorMessage());
    sns.removePermission(b -> b.topicArn(arn).label("share"));
    assertFalse(sns.getTopicAttributes(b -> b.topicArn(arn)).attributes().get("Policy").contains("\"share\""));
  }

  @Test
  void dataProtectionPolicyRoundTrips() {
    String arn = topic(unique("dpp"));
    String policy = "{\"Name\":\"p\",\"Version\":\"2021-06-01\",\"Statement\":[]}";
    sns.putDataProtectionPolicy(b -> b.resourceArn(arn).dataProtectionPolicy(policy));
    assertEquals(policy, sns.getDataProtectionPolicy(b -> b.resourceArn(arn)).dataProtectionPolicy());
    assertThrows(InvalidParameterException.class, () -> sns.putDataProtectionPolicy(b -> b.resourceArn(arn).dataProtectionPolicy("nope")));
  }

  @Test
  void missingRequiredParameterIsAValidationError() {
    SnsException e = assertThrows(SnsException.class, () -> sns.createTopic(b -> {}));
    assertEquals("ValidationError", e.awsErrorDetails().errorCode());
    assertEquals(
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
        e.awsErrorDetails().errorMessage());
    // AuthorizationErrorException is declared by the model; it is never thrown without IAM enforcement.
    assertTrue(AuthorizationErrorException.class.getSimpleName().startsWith("Authorization"));
  }
}
