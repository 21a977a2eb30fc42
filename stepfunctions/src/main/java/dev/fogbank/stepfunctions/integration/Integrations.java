package dev.fogbank.stepfunctions.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.asl.state.Services;
import dev.fogbank.stepfunctions.asl.state.StateRun;
import dev.fogbank.stepfunctions.asl.state.TaskResource;
import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.ExecutionStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Task resources reached through the in-process client: Lambda (a function ARN and {@code
 * lambda:invoke}), SQS sendMessage, SNS publish, DynamoDB item operations, Step Functions
 * startExecution ({@code .sync}, {@code .sync:2}), any {@code aws-sdk:<service>:<action>}, and
 * activities.
 */
public final class Integrations implements Services {

  /** The Step Functions engine itself, for startExecution.sync and activities. */
  public interface Executions {
    /** The execution, or null. */
    Execution execution(String arn);

    void enqueueActivityTask(String activityArn, String token, String input);

    /** The child executions a Map Run started. */
    java.util.List<Execution> mapRunChildren(String mapRunArn);

    /** Records how many child executions' results ResultWriter wrote for a Map Run. */
    void resultsWritten(String mapRunArn, int count);

    /** Starts a Distributed Map's Map Run (see {@link Services#startMapRun}). */
    String startMapRun(MapRunSpec spec, StateRun run, Consumer<String> started, Consumer<StateRun.FlowsResult> done);
  }

  private final InProcessClient client;
  private final TaskTokens tokens;
  private final Executions executions;
  private final SdkMetadata metadata;
  private final ItemReaders readers;
  private final ResultWriters writers;
  private final S3SdkActions s3Actions;

  public Integrations(InProcessClient client, TaskTokens tokens, Executions executions, Clock clock, LocalEndpoint endpoint) {
    this.client = client;
    this.tokens = tokens;
    this.executions = executions;
    this.metadata = new SdkMetadata(clock);
    S3Api s3 = new S3Api(endpoint, clock);
    this.readers = new ItemReaders(s3);
    this.writers = new ResultWriters(s3);
    this.s3Actions = new S3SdkActions(s3);
  }

  @Override
  public JsonNode readItems(String resource, JsonNode readerConfig, JsonNode parameters, long maxItems, StateRun run) {
    return readers.read(resource, readerConfig, parameters, maxItems, run.account(), run.region());
  }

  @Override
  public JsonNode writeResults(String mapRunArn, String resource, JsonNode parameters, JsonNode writerConfig, StateRun run) {
    java.util.List<Execution> children = executions.mapRunChildren(mapRunArn);
    JsonNode result = writers.write(mapRunArn, children, resource, parameters, writerConfig, run.account(), run.region());
    if (resource != null) {
      executions.resultsWritten(mapRunArn, (int) children.stream().filter(c -> c.status() != ExecutionStatus.RUNNING).count());
    }
    return result;
  }

  @Override
  public String startMapRun(MapRunSpec spec, StateRun run, Consumer<String> started, Consumer<StateRun.FlowsResult> done) {
    return executions.startMapRun(spec, run, started, done);
  }

  @Override
  public String newToken(TokenListener listener) {
    return tokens.create(listener);
  }

  @Override
  public void dropToken(String token) {
    tokens.drop(token);
  }

  @Override
  public JsonNode call(TaskResource r, JsonNode parameters, StateRun run) {
    String region = r.region() != null ? r.region() : run.region();
    return switch (r.kind()) {
      case ACTIVITY -> {
        String token = run.context().path("Task").path("Token").asText();
        executions.enqueueActivityTask(r.arn(), token, parameters.toString());
        yield null;
      }
      case LAMBDA_FUNCTION -> {
        ObjectNode in = Json.MAPPER.createObjectNode();
        in.put("FunctionName", r.arn());
        in.put("Payload", base64(parameters));
        yield lambdaPayload(invoke("lambda", "Invoke", run.account(), region, in, false));
      }
      case SDK -> sdk(r, parameters, run.account(), region);
      case INTEGRATION -> optimized(r, parameters, run.account(), region);
    };
  }

  private JsonNode invoke(String service, String op, String account, String region, ObjectNode input, boolean sdk) {
    String module = service.equals("sfn") ? "states" : service;
    if (!client.has(module)) {
      throw new StatesError(ErrorNames.TASK_FAILED, "The service " + service + " is not available");
    }
    try {
      JsonNode out = client.call(module, op, account, region, input);
      return out == null ? Json.MAPPER.createObjectNode() : out;
    } catch (AwsException e) {
      throw sdk ? ErrorNaming.sdk(service, e) : ErrorNaming.optimized(module, e);
    }
  }

  private JsonNode sdk(TaskResource r, JsonNode parameters, String account, String region) {
    if (S3SdkActions.handles(r.service(), r.action())) {
      return s3Actions.call(r.action(), parameters, account, region);
    }
    if (r.service().equals("s3")) {
      // S3's other operations read their HTTP request (headers, query, streamed body) and have no in-process form
      throw new StatesError(ErrorNames.RUNTIME, "The resource " + r.arn() + " is not supported: of S3's actions, "
          + "the AWS SDK integration serves getObject and putObject");
    }
    String op = Character.toUpperCase(r.action().charAt(0)) + r.action().substring(1);
    ObjectNode input = parameters.isObject() ? (ObjectNode) parameters.deepCopy() : Json.MAPPER.createObjectNode();
    boolean own = r.service().equals("sfn") || r.service().equals("states");
    if (own) {
      // Step Functions' own members are camelCase; its SDK integration takes and returns PascalCase
      input = recase(input, false);
    }
    boolean lambdaInvoke = r.service().equals("lambda") && op.equals("Invoke");
    if (lambdaInvoke && input.has("Payload")) {
      // the SDK integration takes Invoke's blob Payload as JSON (or its text) and answers it as text
      JsonNode p = input.get("Payload");
      input.put("Payload", Base64.getEncoder().encodeToString(
          (p.isTextual() ? p.asText() : p.toString()).getBytes(StandardCharsets.UTF_8)));
    }
    JsonNode out = invoke(r.service(), op, account, region, input, true);
    if (lambdaInvoke && out.isObject() && out.hasNonNull("Payload")) {
      ObjectNode copy = (ObjectNode) out.deepCopy();
      copy.put("Payload", lambdaRaw(out));
      return copy;
    }
    return own && out.isObject() ? recase((ObjectNode) out, true) : out;
  }

  private static ObjectNode recase(ObjectNode in, boolean upper) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      String key = upper ? Character.toUpperCase(k.charAt(0)) + k.substring(1) : Character.toLowerCase(k.charAt(0)) + k.substring(1);
      out.set(key, e.getValue());
    }
    return out;
  }

  private JsonNode optimized(TaskResource r, JsonNode parameters, String account, String region) {
    ObjectNode input = parameters.isObject() ? (ObjectNode) parameters.deepCopy() : Json.MAPPER.createObjectNode();
    String key = r.service() + ":" + r.action();
    return switch (key) {
      case "lambda:invoke" -> {
        if (input.has("Payload")) {
          input.put("Payload", base64(input.get("Payload")));
        }
        yield invokeResult(invoke("lambda", "Invoke", account, region, input, false));
      }
      case "sqs:sendMessage" -> {
        stringify(input, "MessageBody");
        yield xmlResult(invoke("sqs", "SendMessage", account, region, input, false));
      }
      case "sns:publish" -> {
        stringify(input, "Message");
        yield xmlResult(invoke("sns", "Publish", account, region, input, false));
      }
      case "dynamodb:getItem", "dynamodb:putItem", "dynamodb:updateItem", "dynamodb:deleteItem" -> {
        JsonNode out = invoke("dynamodb", Character.toUpperCase(r.action().charAt(0)) + r.action().substring(1), account,
            region, input, false);
        ObjectNode result = out.isObject() ? (ObjectNode) out.deepCopy() : Json.MAPPER.createObjectNode();
        yield metadata.attach(result, "application/x-amz-json-1.0", result.toString(), Map.of("Server", "Server"));
      }
      case "states:startExecution" -> {
        stringify(input, "Input");
        JsonNode out = invoke("states", "StartExecution", account, region, recase(input, false), false);
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("ExecutionArn", out.path("executionArn").asText());
        result.put("StartDate", out.path("startDate").asDouble());
        yield metadata.attach(result, "application/x-amz-json-1.0", out.toString(), Map.of());
      }
      default -> throw new StatesError(ErrorNames.RUNTIME, "The resource " + r.arn() + " is not supported");
    };
  }

  @Override
  public void awaitJob(TaskResource r, JsonNode submitted, StateRun run, Consumer<Object> done) {
    if (!(r.service().equals("states") && r.action().equals("startExecution"))) {
      done.accept(new StatesError(ErrorNames.RUNTIME, "The .sync pattern is not supported for " + r.arn()));
      return;
    }
    Execution child = executions.execution(submitted.path("ExecutionArn").asText());
    if (child == null) {
      done.accept(new StatesError(ErrorNames.TASK_FAILED, "The child execution does not exist"));
      return;
    }
    child.onEnd(e -> {
      ObjectNode d = Json.MAPPER.createObjectNode();
      d.put("ExecutionArn", e.arn());
      d.put("Input", e.input());
      d.putObject("InputDetails").put("Included", true);
      d.put("Name", e.name());
      if (e.output() != null) {
        // .sync returns the child's output as a string, .sync:2 as JSON
        d.set("Output", r.pattern() == TaskResource.Pattern.SYNC2 ? parse(e.output()) : Json.MAPPER.getNodeFactory().textNode(e.output()));
        d.putObject("OutputDetails").put("Included", true);
      }
      d.put("StartDate", e.startDate());
      d.put("StateMachineArn", e.stateMachineArn());
      d.put("Status", e.status().name());
      if (e.stopDate() != null) {
        d.put("StopDate", e.stopDate());
      }
      if (e.status() == ExecutionStatus.SUCCEEDED) {
        done.accept(d);
      } else {
        if (e.error() != null) {
          d.put("Error", e.error());
        }
        if (e.cause() != null) {
          d.put("Cause", e.cause());
        }
        done.accept(new StatesError(ErrorNames.TASK_FAILED, d.toString()));
      }
    });
  }

  private static void stringify(ObjectNode input, String field) {
    JsonNode v = input.get(field);
    if (v != null && !v.isTextual()) {
      input.put(field, v.toString());
    }
  }

  private static String base64(JsonNode payload) {
    return Base64.getEncoder().encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode parse(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (Exception e) {
      return Json.MAPPER.getNodeFactory().textNode(s);
    }
  }

  /**
   * The lambda:invoke result: the Invoke response with the function's payload as JSON, and the SDK
   * metadata (https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html). An
   * asynchronous (Event) invocation has an empty payload.
   */
  private JsonNode invokeResult(JsonNode out) {
    int status = out.path("StatusCode").asInt(200);
    ObjectNode result = Json.MAPPER.createObjectNode();
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    if (out.hasNonNull("ExecutedVersion")) {
      result.put("ExecutedVersion", out.get("ExecutedVersion").asText());
      headers.put("X-Amz-Executed-Version", out.get("ExecutedVersion").asText());
    }
    if (out.hasNonNull("LogResult")) {
      result.put("LogResult", out.get("LogResult").asText());
      headers.put("X-Amz-Log-Result", out.get("LogResult").asText());
    }
    headers.put("x-amzn-Remapped-Content-Length", "0");
    String raw = status == 200 ? lambdaRaw(out) : "";
    result.set("Payload", status == 200 ? lambdaPayload(out) : Json.MAPPER.getNodeFactory().textNode(""));
    metadata.attach(result, "application/json", raw, headers);
    ((ObjectNode) result.get("SdkHttpMetadata")).put("HttpStatusCode", status);
    result.put("StatusCode", status);
    return result;
  }

  /** SQS and SNS answer XML to the v1 SDK the optimized integrations use. */
  private JsonNode xmlResult(JsonNode out) {
    ObjectNode result = out.isObject() ? (ObjectNode) out.deepCopy() : Json.MAPPER.createObjectNode();
    return metadata.attach(result, "text/xml", result.toString(), Map.of());
  }

  private static String lambdaRaw(JsonNode out) {
    return out.hasNonNull("Payload")
        ? new String(Base64.getDecoder().decode(out.get("Payload").asText()), StandardCharsets.UTF_8)
        : "";
  }

  /**
   * The function's response payload as JSON. A function error (FunctionError set) fails the task
   * with the payload's errorType as the error name and the payload as the cause; an error document
   * without errorType is {@code Lambda.Unknown}, AWS's name for unhandled function errors
   * (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html).
   */
  private static JsonNode lambdaPayload(JsonNode out) {
    String raw = lambdaRaw(out);
    JsonNode payload = raw.isEmpty() ? Json.MAPPER.nullNode() : parse(raw);
    if (out.hasNonNull("FunctionError")) {
      String type = payload.path("errorType").asText("");
      throw new StatesError(type.isEmpty() ? "Lambda.Unknown" : type, raw);
    }
    return payload;
  }
}
