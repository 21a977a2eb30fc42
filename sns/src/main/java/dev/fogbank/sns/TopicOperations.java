package dev.fogbank.sns;

import static dev.fogbank.sns.Inputs.stringMap;
import static dev.fogbank.sns.Inputs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sns.delivery.DeliveryPolicies;
import dev.fogbank.sns.topic.SnsState;
import dev.fogbank.sns.topic.Subscription;
import dev.fogbank.sns.topic.Topic;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Topics: create, delete, list, attributes, permissions, tags and the data protection policy.
 */
final class TopicOperations {

  private static final Set<String> FEEDBACK_PROTOCOLS = Set.of("Application", "HTTP", "Lambda", "SQS", "Firehose");

  /** The attributes SetTopicAttributes and CreateTopic take (SetTopicAttributes API reference). */
  private static final Set<String> SETTABLE =
      Set.of(
          "DeliveryPolicy", "DisplayName", "Policy", "TracingConfig", "KmsMasterKeyId", "SignatureVersion",
          "ContentBasedDeduplication", "ArchivePolicy", "FifoThroughputScope");

  /** "A resource can have up to 50 tags." */
  private static final int MAX_TAGS = 50;

  private final SnsEngine engine;

  TopicOperations(SnsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("CreateTopic", this::createTopic);
    handlers.put("DeleteTopic", this::deleteTopic);
    handlers.put("ListTopics", this::listTopics);
    handlers.put("GetTopicAttributes", this::getTopicAttributes);
    handlers.put("SetTopicAttributes", this::setTopicAttributes);
    handlers.put("AddPermission", this::addPermission);
    handlers.put("RemovePermission", this::removePermission);
    handlers.put("TagResource", this::tagResource);
    handlers.put("UntagResource", this::untagResource);
    handlers.put("ListTagsForResource", this::listTagsForResource);
    handlers.put("GetDataProtectionPolicy", this::getDataProtectionPolicy);
    handlers.put("PutDataProtectionPolicy", this::putDataProtectionPolicy);
  }

  private static boolean isFeedbackAttribute(String name) {
    for (String p : FEEDBACK_PROTOCOLS) {
      if (name.equals(p + "SuccessFeedbackRoleArn")
          || name.equals(p + "SuccessFeedbackSampleRate")
          || name.equals(p + "FailureFeedbackRoleArn")) {
        return true;
      }
    }
    return false;
  }

  private JsonNode createTopic(RequestContext ctx, ObjectNode in) {
    String name = text(in, "Name");
    Map<String, String> attributes = stringMap(in, "Attributes");
    boolean fifo = "true".equalsIgnoreCase(attributes.get("FifoTopic"));
    if (fifo && !Arns.validTopicName(name, true)) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.");
    }
    if (!fifo && !Arns.validTopicName(name, false)) {
      throw SnsErrors.invalidParameter("Invalid parameter: Topic Name");
    }
    Map<String, String> tags = tags(in.get("Tags"));
    String dataProtection = text(in, "DataProtectionPolicy");
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (!e.getKey().equals("FifoTopic")) {
        checkAttribute(e.getKey(), e.getValue(), fifo);
      }
    }
    if (dataProtection != null) {
      checkDataProtectionPolicy(dataProtection);
    }
    SnsState state = engine.state(ctx);
    String arn = Arns.topic(ctx.region(), ctx.account(), name);
    synchronized (state) {
      Topic existing = state.topics.get(arn);
      if (existing != null) {
        for (Map.Entry<String, String> e : attributes.entrySet()) {
          String current = e.getKey().equals("FifoTopic") ? String.valueOf(existing.fifo()) : existing.attribute(e.getKey());
          if (current == null ? !e.getValue().isEmpty() : !current.equalsIgnoreCase(e.getValue())) {
            throw SnsErrors.invalidParameter("Invalid parameter: Attributes Reason: Topic already exists with different attributes");
          }
        }
        synchronized (existing.tags()) {
          for (Map.Entry<String, String> t : tags.entrySet()) {
            if (!t.getValue().equals(existing.tags().get(t.getKey()))) {
              throw SnsErrors.invalidParameter("Invalid parameter: Tags Reason: Topic already exists with different tags");
            }
          }
        }
        return Json.object().put("TopicArn", arn);
      }
      Topic topic = new Topic(arn, name, ctx.account(), ctx.region(), fifo);
      attributes.forEach(
          (k, v) -> {
            if (!k.equals("FifoTopic")) {
              topic.attributes().put(k, v);
            }
          });
      if (fifo && !topic.attributes().containsKey("ContentBasedDeduplication")) {
        topic.attributes().put("ContentBasedDeduplication", "false");
      }
      topic.tags().putAll(tags);
      topic.dataProtectionPolicy(dataProtection);
      state.topics.put(arn, topic);
    }
    return Json.object().put("TopicArn", arn);
  }

  /** Checks one topic attribute as SetTopicAttributes does. */
  private static void checkAttribute(String name, String value, boolean fifo) {
    if (!SETTABLE.contains(name) && !isFeedbackAttribute(name)) {
      throw SnsErrors.invalidParameter("Invalid parameter: AttributeName");
    }
    String v = value == null ? "" : value;
    switch (name) {
      case "SignatureVersion" -> {
        if (!v.equals("1") && !v.equals("2")) {
          throw SnsErrors.invalidParameter("Invalid parameter: SignatureVersion");
        }
      }
      case "ContentBasedDeduplication" -> {
        if (!fifo) {
          throw SnsErrors.invalidParameter(
              "Invalid parameter: ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO topics");
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
          throw SnsErrors.invalidParameter("Invalid parameter: ContentBasedDeduplication");
        }
      }
      case "TracingConfig" -> {
        if (!v.equals("Active") && !v.equals("PassThrough")) {
          throw SnsErrors.invalidParameter("Invalid parameter: TracingConfig");
        }
      }
      case "DeliveryPolicy" -> DeliveryPolicies.topic(v, "Invalid parameter: ");
      case "Policy" -> {
        if (!v.isEmpty()) {
          try {
            if (!Json.parse(v).isObject()) {
              throw SnsErrors.invalidParameter("Invalid parameter: Policy");
            }
          } catch (IllegalArgumentException e) {
            throw SnsErrors.invalidParameter("Invalid parameter: Policy Error: null");
          }
        }
      }
      default -> {
        if (name.endsWith("SampleRate")) {
          int rate;
          try {
            rate = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            rate = -1;
          }
          if (rate < 0 || rate > 100) {
            throw SnsErrors.invalidParameter("Invalid parameter: " + name);
          }
        }
      }
    }
  }

  private JsonNode deleteTopic(RequestContext ctx, ObjectNode in) {
    String arn = text(in, "TopicArn");
    Arns.Arn a = Arns.topicArn(ctx, arn);
    SnsState state = engine.state(a.account(), ctx.region());
    if (state.topics.containsKey(arn)) {
      engine.topic(ctx, arn, "DeleteTopic");
    }
    // "This action is idempotent, so deleting a topic that does not exist does not result in an error."
    Topic topic = state.topics.remove(arn);
    if (topic != null) {
      for (Subscription s : topic.subscriptions()) {
        state.subscriptions.remove(s.arn());
      }
      topic.subscriptions().clear();
      engine.fanout().topicDeleted(arn);
    }
    return null;
  }

  private JsonNode listTopics(RequestContext ctx, ObjectNode in) {
    return Inputs.page(
        engine.state(ctx).topics.values(),
        Topic::arn,
        t -> Json.object().put("TopicArn", t.arn()),
        text(in, "NextToken"),
        "Topics");
  }

  private JsonNode getTopicAttributes(RequestContext ctx, ObjectNode in) {
    Topic topic = engine.topic(ctx, text(in, "TopicArn"), "GetTopicAttributes");
    Map<String, String> out = new LinkedHashMap<>();
    out.put("Policy", topic.attributes().getOrDefault("Policy", defaultPolicy(topic)));
    out.put("Owner", topic.account());
    long confirmed = topic.subscriptions().stream().filter(Subscription::confirmed).count();
    out.put("SubscriptionsPending", Long.toString(topic.subscriptions().size() - confirmed));
    out.put("TopicArn", topic.arn());
    out.put("EffectiveDeliveryPolicy", topic.attributes().getOrDefault("DeliveryPolicy", DeliveryPolicies.TOPIC_DEFAULT));
    out.put("SubscriptionsConfirmed", Long.toString(confirmed));
    out.put("DisplayName", topic.attributes().getOrDefault("DisplayName", ""));
    out.put("SubscriptionsDeleted", Long.toString(topic.subscriptionsDeleted()));
    if (topic.fifo()) {
      out.put("FifoTopic", "true");
    }
    topic.attributes().forEach((k, v) -> {
      if (!k.equals("Policy") && !k.equals("DisplayName")) {
        out.put(k, v);
      }
    });
    return Inputs.attributes(out);
  }

  /** The policy SNS gives a new topic: its owner's account may do everything. */
  static String defaultPolicy(Topic topic) {
    return "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":\"__default_statement_ID\","
        + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"SNS:GetTopicAttributes\",\"SNS:SetTopicAttributes\","
        + "\"SNS:AddPermission\",\"SNS:RemovePermission\",\"SNS:DeleteTopic\",\"SNS:Subscribe\",\"SNS:ListSubscriptionsByTopic\","
        + "\"SNS:Publish\"],\"Resource\":\"" + topic.arn() + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\""
        + topic.account() + "\"}}}]}";
  }

  private JsonNode setTopicAttributes(RequestContext ctx, ObjectNode in) {
    Topic topic = engine.topic(ctx, text(in, "TopicArn"), "SetTopicAttributes");
    String name = text(in, "AttributeName");
    String value = text(in, "AttributeValue");
    checkAttribute(name, value, topic.fifo());
    if (value == null || (value.isEmpty() && !name.equals("DisplayName"))) {
      topic.attributes().remove(name);
    } else {
      topic.attributes().put(name, value);
    }
    return null;
  }

  private JsonNode addPermission(RequestContext ctx, ObjectNode in) {
    Topic topic = engine.topic(ctx, text(in, "TopicArn"), "AddPermission");
    String label = text(in, "Label");
    synchronized (topic) {
      ObjectNode policy = (ObjectNode) Json.parse(topic.attributes().getOrDefault("Policy", defaultPolicy(topic)));
      ArrayNode statements = policy.withArray("Statement");
      for (JsonNode s : statements) {
        if (label.equals(s.path("Sid").asText())) {
          throw SnsErrors.invalidParameter("Invalid parameter: Statement already exists");
        }
      }
      ObjectNode statement = statements.addObject();
      statement.put("Sid", label);
      statement.put("Effect", "Allow");
      ArrayNode principals = statement.putObject("Principal").putArray("AWS");
      in.path("AWSAccountId").forEach(a -> principals.add("arn:aws:iam::" + a.asText() + ":root"));
      ArrayNode actions = statement.putArray("Action");
      in.path("ActionName").forEach(a -> actions.add("SNS:" + a.asText()));
      statement.put("Resource", topic.arn());
      topic.attributes().put("Policy", Json.text(policy));
    }
    return null;
  }

  private JsonNode removePermission(RequestContext ctx, ObjectNode in) {
    Topic topic = engine.topic(ctx, text(in, "TopicArn"), "RemovePermission");
    String label = text(in, "Label");
    synchronized (topic) {
      ObjectNode policy = (ObjectNode) Json.parse(topic.attributes().getOrDefault("Policy", defaultPolicy(topic)));
      ArrayNode statements = policy.withArray("Statement");
      for (int i = statements.size() - 1; i >= 0; i--) {
        if (label.equals(statements.get(i).path("Sid").asText())) {
          statements.remove(i);
        }
      }
      topic.attributes().put("Policy", Json.text(policy));
    }
    return null;
  }

  private static Map<String, String> tags(JsonNode list) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (list == null) {
      return tags;
    }
    for (JsonNode t : list) {
      String key = t.path("Key").asText();
      if (tags.containsKey(key)) {
        throw SnsErrors.invalidParameter("Invalid parameter: Duplicated keys are not allowed.");
      }
      tags.put(key, t.path("Value").asText(""));
    }
    if (tags.size() > MAX_TAGS) {
      throw SnsErrors.tagLimitExceeded("Could not complete request: tag quota of per resource exceeded");
    }
    return tags;
  }

  /** The topic a tagging call names; SNS answers ResourceNotFound for any other ARN. */
  private Topic taggable(RequestContext ctx, String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":");
    if (parts.length == 6 && parts[2].equals("sns")) {
      SnsState state = engine.store().peek(parts[4], parts[3]);
      Topic topic = state == null ? null : state.topics.get(arn);
      if (topic != null) {
        return topic;
      }
    }
    throw SnsErrors.resourceNotFound("Resource does not exist");
  }

  private JsonNode tagResource(RequestContext ctx, ObjectNode in) {
    Topic topic = taggable(ctx, text(in, "ResourceArn"));
    Map<String, String> tags = tags(in.get("Tags"));
    synchronized (topic.tags()) {
      Map<String, String> merged = new LinkedHashMap<>(topic.tags());
      merged.putAll(tags);
      if (merged.size() > MAX_TAGS) {
        throw SnsErrors.tagLimitExceeded("Could not complete request: tag quota of per resource exceeded");
      }
      topic.tags().putAll(tags);
    }
    return Json.object();
  }

  private JsonNode untagResource(RequestContext ctx, ObjectNode in) {
    Topic topic = taggable(ctx, text(in, "ResourceArn"));
    synchronized (topic.tags()) {
      in.path("TagKeys").forEach(k -> topic.tags().remove(k.asText()));
    }
    return Json.object();
  }

  private JsonNode listTagsForResource(RequestContext ctx, ObjectNode in) {
    Topic topic = taggable(ctx, text(in, "ResourceArn"));
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("Tags");
    synchronized (topic.tags()) {
      topic.tags().forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
    }
    return out;
  }

  private JsonNode getDataProtectionPolicy(RequestContext ctx, ObjectNode in) {
    Topic topic = engine.topic(ctx, text(in, "ResourceArn"), "GetDataProtectionPolicy");
    ObjectNode out = Json.object();
    if (topic.dataProtectionPolicy() != null) {
      out.put("DataProtectionPolicy", topic.dataProtectionPolicy());
    }
    return out;
  }

  private JsonNode putDataProtectionPolicy(RequestContext ctx, ObjectNode in) {
    Topic topic = engine.topic(ctx, text(in, "ResourceArn"), "PutDataProtectionPolicy");
    String policy = text(in, "DataProtectionPolicy");
    checkDataProtectionPolicy(policy);
    topic.dataProtectionPolicy(policy);
    return null;
  }

  /** A data protection policy is a JSON document of at most 30,720 characters (CreateTopic reference). */
  private static void checkDataProtectionPolicy(String policy) {
    boolean ok;
    try {
      ok = policy.length() <= 30_720 && Json.parse(policy).isObject();
    } catch (IllegalArgumentException e) {
      ok = false;
    }
    if (!ok) {
      throw SnsErrors.invalidParameter("Invalid parameter: DataProtectionPolicy");
    }
  }
}
