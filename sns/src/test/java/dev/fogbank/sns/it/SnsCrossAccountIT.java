package dev.fogbank.sns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A caller of another account (Fogbank takes a 12-digit access key id as the account) needs the
 * topic's policy: SNS's default policy keeps a topic to its owner, AddPermission shares it.
 */
class SnsCrossAccountIT extends SnsItSupport {

  private final SnsClient other =
      SnsClient.builder()
          .endpointOverride(fogbank.endpoint())
          .region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("111111111111", "secret")))
          .build();

  @Test
  void anotherAccountNeedsThePolicyToPublish() {
    String topic = topic(unique("shared"));
    Queue q = queue(unique("shared"));
    subscribe(topic, q, Map.of("RawMessageDelivery", "true"));

    AuthorizationErrorException denied =
        assertThrows(AuthorizationErrorException.class, () -> other.publish(p -> p.topicArn(topic).message("sneaky")));
    assertEquals(403, denied.statusCode());
    assertEquals("AuthorizationError", denied.awsErrorDetails().errorCode());
    assertEquals(
        "User: arn:aws:iam::111111111111:root is not authorized to perform: SNS:Publish on resource: " + topic
            + " because no resource-based policy allows the SNS:Publish action",
        denied.awsErrorDetails().errorMessage());
    assertThrows(AuthorizationErrorException.class, () -> other.deleteTopic(b -> b.topicArn(topic)));

    sns.addPermission(b -> b.topicArn(topic).label("partner").awsAccountIds("111111111111").actionNames("Publish"));
    other.publish(p -> p.topicArn(topic).message("welcome"));
    assertEquals(List.of("welcome"), drain(q).stream().map(Message::body).toList());
    assertThrows(AuthorizationErrorException.class, () -> other.getTopicAttributes(b -> b.topicArn(topic)));
  }
}
