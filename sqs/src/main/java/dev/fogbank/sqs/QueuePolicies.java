package dev.fogbank.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sqs.queue.Queue;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AddPermission and RemovePermission: SQS writes each permission as a statement, its label the
 * {@code Sid}, into the queue's {@code Policy} attribute ({@code Id: <arn>/SQSDefaultPolicy}), so
 * GetQueueAttributes shows it and SetQueueAttributes can replace it.
 */
final class QueuePolicies {

  /** The actions a permission may grant (AddPermission API reference, Actions). */
  private static final Set<String> ACTIONS =
      Set.of(
          "*", "SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility",
          "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues", "PurgeQueue", "ListQueueTags");

  private QueuePolicies() {}

  static void addPermission(SqsEngine engine, Queue queue, String label, List<String> accounts, List<String> actions) {
    if (!label.matches("[A-Za-z0-9_-]{1,80}")) {
      throw SqsErrors.invalidParameter("Label", label, "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
    if (accounts.isEmpty()) {
      throw SqsErrors.missingParameter("AWSAccountId");
    }
    if (actions.isEmpty()) {
      throw SqsErrors.missingParameter("ActionName");
    }
    if (actions.size() > 7) {
      throw SqsErrors.overLimit(actions.size() + " Actions were found, maximum allowed is 7.");
    }
    for (String action : actions) {
      if (!ACTIONS.contains(action)) {
        throw SqsErrors.invalidParameter(
            "ActionName", "SQS:" + action, "Please refer to the appropriate WSDL for a list of valid actions.");
      }
    }
    synchronized (queue) {
      ObjectNode policy = current(queue);
      ArrayNode statements = policy.withArray("Statement");
      for (JsonNode s : statements) {
        if (label.equals(s.path("Sid").asText())) {
          throw SqsErrors.invalidParameter("Label", label, "Already exists.");
        }
      }
      ObjectNode statement = statements.addObject();
      statement.put("Sid", label);
      statement.put("Effect", "Allow");
      ObjectNode principal = statement.putObject("Principal");
      if (accounts.size() == 1) {
        principal.put("AWS", "arn:aws:iam::" + accounts.get(0) + ":root");
      } else {
        ArrayNode aws = principal.putArray("AWS");
        accounts.forEach(a -> aws.add("arn:aws:iam::" + a + ":root"));
      }
      if (actions.size() == 1) {
        statement.put("Action", "SQS:" + actions.get(0));
      } else {
        ArrayNode list = statement.putArray("Action");
        actions.forEach(a -> list.add("SQS:" + a));
      }
      statement.put("Resource", queue.arn());
      engine.setAttributes(queue, Map.of("Policy", Json.text(policy)));
    }
  }

  static void removePermission(SqsEngine engine, Queue queue, String label) {
    synchronized (queue) {
      ObjectNode policy = current(queue);
      ArrayNode statements = policy.withArray("Statement");
      for (int i = 0; i < statements.size(); i++) {
        if (label.equals(statements.get(i).path("Sid").asText())) {
          statements.remove(i);
          engine.setAttributes(queue, Map.of("Policy", statements.isEmpty() ? "" : Json.text(policy)));
          return;
        }
      }
      throw SqsErrors.invalidParameter("Label", label, "can't find label on existing policy.");
    }
  }

  private static ObjectNode current(Queue queue) {
    String text = queue.attributes().policy();
    if (text != null) {
      JsonNode node = Json.parse(text);
      if (node instanceof ObjectNode object) {
        if (!object.path("Statement").isArray()) {
          JsonNode single = object.remove("Statement");
          ArrayNode list = object.putArray("Statement");
          if (single != null) {
            list.add(single);
          }
        }
        return object;
      }
    }
    ObjectNode policy = Json.object();
    policy.put("Version", "2012-10-17");
    policy.put("Id", queue.arn() + "/SQSDefaultPolicy");
    policy.putArray("Statement");
    return policy;
  }
}
