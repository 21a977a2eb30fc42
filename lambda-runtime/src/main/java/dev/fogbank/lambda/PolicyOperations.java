package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.lambda.function.LambdaFunction;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resource-based policies (AddPermission, RemovePermission, GetPolicy) and tags (TagResource,
 * UntagResource, ListTags). Recorded and answered as Lambda does; Fogbank does not enforce
 * policies.
 */
final class PolicyOperations {

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  private final LambdaEngine engine;

  PolicyOperations(LambdaEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> map) {
    map.put("AddPermission", this::addPermission);
    map.put("RemovePermission", this::removePermission);
    map.put("GetPolicy", this::getPolicy);
    map.put("TagResource", this::tag);
    map.put("UntagResource", this::untag);
    map.put("ListTags", this::listTags);
  }

  private JsonNode addPermission(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    LambdaFunction fn = engine.function(ctx, ref);
    String qualifier = ref.qualifier() == null ? "" : ref.qualifier();
    if (!qualifier.isEmpty()) {
      engine.version(ctx, fn, qualifier);
    }
    synchronized (fn) {
      String revision = fn.policyRevisions().get(qualifier);
      if (input.hasNonNull("RevisionId") && !input.get("RevisionId").asText().equals(revision)) {
        throw LambdaErrors.revisionMismatch();
      }
      Map<String, ObjectNode> policy = fn.policy(qualifier);
      String sid = input.get("StatementId").asText();
      if (policy.containsKey(sid)) {
        throw LambdaErrors.conflict(
            "The statement id (" + sid + ") provided already exists. Please provide a new statement id, or remove the existing statement.");
      }
      ObjectNode statement = Json.object();
      statement.put("Sid", sid);
      statement.put("Effect", "Allow");
      statement.set("Principal", principal(input.get("Principal").asText()));
      statement.put("Action", input.get("Action").asText());
      statement.put("Resource", qualifier.isEmpty() ? fn.arn() : fn.arn() + ":" + qualifier);
      ObjectNode condition = Json.object();
      if (input.hasNonNull("SourceAccount")) {
        condition.putObject("StringEquals").put("AWS:SourceAccount", input.get("SourceAccount").asText());
      }
      if (input.hasNonNull("PrincipalOrgID")) {
        stringEquals(condition).put("aws:PrincipalOrgID", input.get("PrincipalOrgID").asText());
      }
      if (input.hasNonNull("FunctionUrlAuthType")) {
        stringEquals(condition).put("lambda:FunctionUrlAuthType", input.get("FunctionUrlAuthType").asText());
      }
      if (input.hasNonNull("SourceArn")) {
        condition.putObject("ArnLike").put("AWS:SourceArn", input.get("SourceArn").asText());
      }
      if (input.hasNonNull("EventSourceToken")) {
        stringEquals(condition).put("lambda:EventSourceToken", input.get("EventSourceToken").asText());
      }
      if (!condition.isEmpty()) {
        statement.set("Condition", condition);
      }
      policy.put(sid, statement);
      fn.policyRevisions().put(qualifier, LambdaEngine.revisionId());
      ObjectNode out = Json.object();
      out.put("Statement", Json.text(statement));
      return out;
    }
  }

  private static ObjectNode stringEquals(ObjectNode condition) {
    JsonNode eq = condition.get("StringEquals");
    return eq instanceof ObjectNode o ? o : condition.putObject("StringEquals");
  }

  /** A service principal, an account (as its root), an ARN, or everyone. */
  private static JsonNode principal(String principal) {
    if (principal.equals("*")) {
      return Json.NODES.textNode("*");
    }
    ObjectNode p = Json.object();
    if (ACCOUNT.matcher(principal).matches()) {
      p.put("AWS", "arn:aws:iam::" + principal + ":root");
    } else if (principal.startsWith("arn:")) {
      p.put("AWS", principal);
    } else {
      p.put("Service", principal);
    }
    return p;
  }

  private JsonNode removePermission(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    LambdaFunction fn = engine.function(ctx, ref);
    String qualifier = ref.qualifier() == null ? "" : ref.qualifier();
    synchronized (fn) {
      String revision = fn.policyRevisions().get(qualifier);
      if (input.hasNonNull("RevisionId") && !input.get("RevisionId").asText().equals(revision)) {
        throw LambdaErrors.revisionMismatch();
      }
      String sid = input.get("StatementId").asText();
      if (fn.policy(qualifier).remove(sid) == null) {
        throw LambdaErrors.notFound("Statement " + sid + " is not found in resource policy.");
      }
      fn.policyRevisions().put(qualifier, LambdaEngine.revisionId());
    }
    return null;
  }

  private JsonNode getPolicy(RequestContext ctx, ObjectNode input) {
    FunctionRef ref = engine.ref(ctx, input);
    LambdaFunction fn = engine.function(ctx, ref);
    String qualifier = ref.qualifier() == null ? "" : ref.qualifier();
    synchronized (fn) {
      Map<String, ObjectNode> policy = fn.policy(qualifier);
      if (policy.isEmpty()) {
        throw LambdaErrors.notFound("The resource you requested does not exist.");
      }
      ObjectNode doc = Json.object();
      doc.put("Version", "2012-10-17");
      doc.put("Id", "default");
      var statements = doc.putArray("Statement");
      policy.values().forEach(statements::add);
      ObjectNode out = Json.object();
      out.put("Policy", Json.text(doc));
      out.put("RevisionId", fn.policyRevisions().get(qualifier));
      return out;
    }
  }

  // ---------------------------------------------------------------- tags

  private LambdaFunction tagged(RequestContext ctx, ObjectNode input) {
    String arn = input.path("Resource").asText();
    FunctionRef ref = FunctionRef.parse(arn, null, ctx.account(), ctx.region());
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalidParameter("Tags are not supported on function versions or aliases: " + arn);
    }
    return engine.function(ctx, ref);
  }

  private JsonNode tag(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = tagged(ctx, input);
    input.path("Tags").fields().forEachRemaining(e -> fn.tags().put(e.getKey(), e.getValue().asText()));
    return null;
  }

  private JsonNode untag(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = tagged(ctx, input);
    input.path("TagKeys").forEach(k -> fn.tags().remove(k.asText()));
    return null;
  }

  private JsonNode listTags(RequestContext ctx, ObjectNode input) {
    LambdaFunction fn = tagged(ctx, input);
    ObjectNode out = Json.object();
    ObjectNode tags = out.putObject("Tags");
    new java.util.TreeMap<>(fn.tags()).forEach(tags::put);
    return out;
  }
}
