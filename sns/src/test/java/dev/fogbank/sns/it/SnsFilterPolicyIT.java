package dev.fogbank.sns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Filter policies end to end: one topic, one raw-delivery queue per policy, messages published
 * with attributes or JSON bodies; each queue must hold exactly the messages its policy passes.
 */
class SnsFilterPolicyIT extends SnsItSupport {

  private static MessageAttributeValue str(String v) {
    return MessageAttributeValue.builder().dataType("String").stringValue(v).build();
  }

  private static MessageAttributeValue num(String v) {
    return MessageAttributeValue.builder().dataType("Number").stringValue(v).build();
  }

  private List<String> bodies(Queue q) {
    return drain(q).stream().map(Message::body).sorted().toList();
  }

  @Test
  void everyOperatorOnMessageAttributes() {
    String topic = topic(unique("filter-attr"));
    Map<String, String> policies = new LinkedHashMap<>();
    policies.put("exact", "{\"color\":[\"red\"]}");
    policies.put("prefix", "{\"color\":[{\"prefix\":\"bl\"}]}");
    policies.put("suffix", "{\"color\":[{\"suffix\":\"en\"}]}");
    policies.put("anything-but", "{\"color\":[{\"anything-but\":[\"red\",\"blue\"]}]}");
    policies.put("anything-but-prefix", "{\"color\":[{\"anything-but\":{\"prefix\":\"r\"}}]}");
    policies.put("numeric", "{\"price\":[{\"numeric\":[\">=\",10,\"<\",20]}]}");
    policies.put("exists", "{\"price\":[{\"exists\":false}]}");
    policies.put("ignore-case", "{\"color\":[{\"equals-ignore-case\":\"GREEN\"}]}");
    policies.put("or", "{\"$or\":[{\"color\":[\"red\"]},{\"price\":[{\"numeric\":[\">\",100]}]}]}");
    Map<String, Queue> queues = new LinkedHashMap<>();
    policies.forEach((name, policy) -> {
      Queue q = queue(unique(name));
      subscribe(topic, q, Map.of("RawMessageDelivery", "true", "FilterPolicy", policy));
      queues.put(name, q);
    });

    sns.publish(p -> p.topicArn(topic).message("red-5").messageAttributes(Map.of("color", str("red"), "price", num("5"))));
    sns.publish(p -> p.topicArn(topic).message("blue-15").messageAttributes(Map.of("color", str("blue"), "price", num("15"))));
    sns.publish(p -> p.topicArn(topic).message("green").messageAttributes(Map.of("color", str("green"))));
    sns.publish(p -> p.topicArn(topic).message("none-150").messageAttributes(Map.of("price", num("150"))));

    assertEquals(List.of("red-5"), bodies(queues.get("exact")));
    assertEquals(List.of("blue-15"), bodies(queues.get("prefix")));
    assertEquals(List.of("green"), bodies(queues.get("suffix")));
    assertEquals(List.of("green"), bodies(queues.get("anything-but")));
    assertEquals(List.of("blue-15", "green"), bodies(queues.get("anything-but-prefix")));
    assertEquals(List.of("blue-15"), bodies(queues.get("numeric")));
    assertEquals(List.of("green"), bodies(queues.get("exists")));
    assertEquals(List.of("green"), bodies(queues.get("ignore-case")));
    assertEquals(List.of("none-150", "red-5"), bodies(queues.get("or")));
  }

  @Test
  void everyOperatorOnTheMessageBody() {
    String topic = topic(unique("filter-body"));
    Map<String, String> policies = new LinkedHashMap<>();
    policies.put("nested", "{\"order\":{\"status\":[\"paid\"]}}");
    policies.put("prefix", "{\"customer\":[{\"prefix\":\"vip-\"}]}");
    policies.put("numeric", "{\"order\":{\"total\":[{\"numeric\":[\">\",100]}]}}");
    policies.put("exists", "{\"coupon\":[{\"exists\":true}]}");
    policies.put("anything-but", "{\"order\":{\"status\":[{\"anything-but\":\"paid\"}]}}");
    policies.put("array", "{\"items\":{\"sku\":[\"sku-2\"]}}");
    Map<String, Queue> queues = new LinkedHashMap<>();
    policies.forEach((name, policy) -> {
      Queue q = queue(unique("body-" + name));
      subscribe(topic, q, Map.of("RawMessageDelivery", "true", "FilterPolicyScope", "MessageBody", "FilterPolicy", policy));
      queues.put(name, q);
    });

    String paid = "{\"id\":1,\"customer\":\"vip-ann\",\"order\":{\"status\":\"paid\",\"total\":150},\"items\":[{\"sku\":\"sku-1\"},{\"sku\":\"sku-2\"}]}";
    String open = "{\"id\":2,\"customer\":\"bob\",\"coupon\":\"X\",\"order\":{\"status\":\"open\",\"total\":50}}";
    sns.publish(p -> p.topicArn(topic).message(paid));
    sns.publish(p -> p.topicArn(topic).message(open));
    sns.publish(p -> p.topicArn(topic).message("not json at all"));

    assertEquals(List.of(paid), bodies(queues.get("nested")));
    assertEquals(List.of(paid), bodies(queues.get("prefix")));
    assertEquals(List.of(paid), bodies(queues.get("numeric")));
    assertEquals(List.of(open), bodies(queues.get("exists")));
    assertEquals(List.of(open), bodies(queues.get("anything-but")));
    assertEquals(List.of(paid), bodies(queues.get("array")));
  }

  @Test
  void policiesChangeWithSetSubscriptionAttributes() {
    String topic = topic(unique("filter-set"));
    Queue q = queue(unique("filter-set"));
    String sub = subscribe(topic, q, Map.of("RawMessageDelivery", "true"));
    sns.setSubscriptionAttributes(b -> b.subscriptionArn(sub).attributeName("FilterPolicy").attributeValue("{\"k\":[\"yes\"]}"));
    Map<String, String> a = sns.getSubscriptionAttributes(b -> b.subscriptionArn(sub)).attributes();
    assertEquals("{\"k\":[\"yes\"]}", a.get("FilterPolicy"));
    assertEquals("MessageAttributes", a.get("FilterPolicyScope"));

    sns.publish(p -> p.topicArn(topic).message("no").messageAttributes(Map.of("k", str("no"))));
    sns.publish(p -> p.topicArn(topic).message("yes").messageAttributes(Map.of("k", str("yes"))));
    assertEquals(List.of("yes"), bodies(q));

    sns.setSubscriptionAttributes(b -> b.subscriptionArn(sub).attributeName("FilterPolicyScope").attributeValue("MessageBody"));
    sns.publish(p -> p.topicArn(topic).message("{\"k\":\"yes\"}"));
    sns.publish(p -> p.topicArn(topic).message("{\"k\":\"no\"}").messageAttributes(Map.of("k", str("yes"))));
    assertEquals(List.of("{\"k\":\"yes\"}"), bodies(q));
  }

  @Test
  void invalidPoliciesAreRejectedWithSnsMessages() {
    String topic = topic(unique("filter-bad"));
    Queue q = queue(unique("filter-bad"));
    InvalidParameterException onSubscribe =
        assertThrows(InvalidParameterException.class,
            () -> subscribe(topic, q, Map.of("FilterPolicy", "{\"a\":[{\"numeric\":[\">\",\"x\"]}]}")));
    assertEquals("Invalid parameter: Attributes Reason: FilterPolicy: Value of > must be numeric", onSubscribe.awsErrorDetails().errorMessage());
    InvalidParameterException scope =
        assertThrows(InvalidParameterException.class, () -> subscribe(topic, q, Map.of("FilterPolicyScope", "Body")));
    assertEquals(
        "Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [Body]. Please use either MessageBody or MessageAttributes",
        scope.awsErrorDetails().errorMessage());

    String sub = subscribe(topic, q, Map.of());
    InvalidParameterException onSet =
        assertThrows(InvalidParameterException.class,
            () -> sns.setSubscriptionAttributes(b -> b.subscriptionArn(sub).attributeName("FilterPolicy").attributeValue("{\"a\":{\"b\":[1]}}")));
    assertEquals("Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy", onSet.awsErrorDetails().errorMessage());
  }
}
