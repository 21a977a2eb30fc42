package dev.fogbank.stepfunctions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Lambda tasks against Fogbank's own Lambda: {@code arn:aws:states:::lambda:invoke} (request-response
 * and {@code .waitForTaskToken}) and a bare function ARN, with Java functions packaged from the test classes.
 */
class LambdaTaskIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SfnClient sfn = fogbank.client(SfnClient.builder());
  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());
  private final Workflows flows = new Workflows(sfn);

  /** A java21 function whose package holds the compiled classes of {@code it.fn}. */
  private String function(Class<?> handler) {
    String name = Workflows.unique("fn");
    // The Approver reports to Step Functions itself, so its package carries the SDK.
    SdkBytes zip = SdkBytes.fromByteArray(FunctionPackages.zip(handler == dev.fogbank.stepfunctions.it.fn.Approver.class));
    lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA21).handler(handler.getName() + "::handleRequest")
        .role("arn:aws:iam::000000000000:role/lambda").timeout(30).code(c -> c.zipFile(zip)));
    // a new function is Pending until Lambda has prepared it (on the virtual clock)
    fogbank.advance(Duration.ofSeconds(10));
    return lambda.getFunction(b -> b.functionName(name)).configuration().functionArn();
  }

  private static List<HistoryEventType> types(List<HistoryEvent> events) {
    return events.stream().map(HistoryEvent::type).toList();
  }

  @Test
  void invokeIntegrationPassesPayloadAndAnswersTheInvokeResult() throws Exception {
    String fn = function(dev.fogbank.stepfunctions.it.fn.Echo.class);
    DescribeExecutionResponse d = flows.run("""
        {'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
          'Parameters':{'FunctionName':'FN','Payload':{'fixed':1,'order.$':'$.order'}},'End':true}}}
        """.replace("FN", fn), "{\"order\":\"o-1\"}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    JsonNode out = JSON.readTree(d.output());
    // The lambda:invoke result: the Invoke response with the payload as JSON and the SDK metadata
    // (https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html)
    assertEquals(JSON.readTree("{\"event\":{\"fixed\":1,\"order\":\"o-1\"},\"function\":\"" + fn.substring(fn.lastIndexOf(':') + 1) + "\"}"),
        out.get("Payload"));
    assertEquals(200, out.get("StatusCode").asInt());
    assertEquals("$LATEST", out.get("ExecutedVersion").asText());
    assertEquals(200, out.path("SdkHttpMetadata").path("HttpStatusCode").asInt());
    assertEquals("application/json", out.path("SdkHttpMetadata").path("HttpHeaders").path("Content-Type").asText());
    String requestId = out.path("SdkResponseMetadata").path("RequestId").asText();
    assertFalse(requestId.isEmpty());
    assertEquals(requestId, out.path("SdkHttpMetadata").path("HttpHeaders").path("x-amzn-RequestId").asText());

    List<HistoryEvent> events = flows.history(d.executionArn());
    assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
        HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUCCEEDED,
        HistoryEventType.TASK_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED), types(events));
    assertEquals("lambda", events.get(2).taskScheduledEventDetails().resourceType());
    assertEquals("invoke", events.get(2).taskScheduledEventDetails().resource());
    assertEquals(JSON.readTree("{\"FunctionName\":\"" + fn + "\",\"Payload\":{\"fixed\":1,\"order\":\"o-1\"}}"),
        JSON.readTree(events.get(2).taskScheduledEventDetails().parameters()));
  }

  @Test
  void payloadPathSendsTheSelectedInput() throws Exception {
    String fn = function(dev.fogbank.stepfunctions.it.fn.Echo.class);
    DescribeExecutionResponse d = flows.run("""
        {'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
          'Parameters':{'FunctionName':'FN','Payload.$':'$.detail'},'OutputPath':'$.Payload','End':true}}}
        """.replace("FN", fn), "{\"detail\":{\"n\":[1,2]}}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    assertEquals(JSON.readTree("{\"n\":[1,2]}"), JSON.readTree(d.output()).get("event"));
  }

  @Test
  void bareFunctionArnAnswersThePayloadWithLambdaFunctionEvents() throws Exception {
    String fn = function(dev.fogbank.stepfunctions.it.fn.Echo.class);
    DescribeExecutionResponse d = flows.run("""
        {'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'FN','End':true}}}
        """.replace("FN", fn), "{\"k\":\"v\"}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    // A function ARN as the resource: the output is the function's response itself
    assertEquals(JSON.readTree("{\"k\":\"v\"}"), JSON.readTree(d.output()).get("event"));
    List<HistoryEvent> events = flows.history(d.executionArn());
    assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
        HistoryEventType.LAMBDA_FUNCTION_SCHEDULED, HistoryEventType.LAMBDA_FUNCTION_STARTED,
        HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
        HistoryEventType.EXECUTION_SUCCEEDED), types(events));
    assertEquals(fn, events.get(2).lambdaFunctionScheduledEventDetails().resource());
  }

  @Test
  void functionErrorIsNamedByItsErrorTypeAndCaught() throws Exception {
    String fn = function(dev.fogbank.stepfunctions.it.fn.Reject.class);
    String error = dev.fogbank.stepfunctions.it.fn.OrderRejectedException.class.getName();
    DescribeExecutionResponse d = flows.run("""
        {'StartAt':'Call','States':{
          'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
            'Parameters':{'FunctionName':'FN','Payload.$':'$'},
            'Retry':[{'ErrorEquals':['Lambda.ServiceException','Lambda.AWSLambdaException'],'MaxAttempts':3}],
            'Catch':[{'ErrorEquals':['ERR'],'ResultPath':'$.failure','Next':'Rejected'}],'End':true},
          'Rejected':{'Type':'Pass','End':true}}}
        """.replace("FN", fn).replace("ERR", error), "{\"order\":\"o-7\"}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    JsonNode failure = JSON.readTree(d.output()).get("failure");
    // The function's errorType is the error name; the cause is its error document
    assertEquals(error, failure.get("Error").asText());
    JsonNode cause = JSON.readTree(failure.get("Cause").asText());
    assertEquals("order o-7 rejected", cause.get("errorMessage").asText());
    assertEquals(error, cause.get("errorType").asText());
    // no retry: a function error is none of the Lambda service exceptions
    assertEquals(1, flows.history(d.executionArn()).stream().filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED).count());

    DescribeExecutionResponse bare = flows.run("""
        {'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'FN','End':true}}}
        """.replace("FN", fn), "{\"order\":\"o-8\"}");
    assertEquals(ExecutionStatus.FAILED, bare.status());
    assertEquals(error, bare.error());
    assertEquals("order o-8 rejected", JSON.readTree(bare.cause()).get("errorMessage").asText());
    HistoryEvent failed = flows.history(bare.executionArn()).stream()
        .filter(e -> e.type() == HistoryEventType.LAMBDA_FUNCTION_FAILED).findFirst().orElseThrow();
    assertEquals(error, failed.lambdaFunctionFailedEventDetails().error());
  }

  @Test
  void missingFunctionIsALambdaServiceError() throws Exception {
    String missing = "arn:aws:lambda:us-east-1:000000000000:function:" + Workflows.unique("absent");
    DescribeExecutionResponse d = flows.run("""
        {'StartAt':'Call','States':{
          'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
            'Parameters':{'FunctionName':'FN','Payload':{}},
            'Catch':[{'ErrorEquals':['Lambda.ResourceNotFoundException'],'Next':'Missing'}],'End':true},
          'Missing':{'Type':'Pass','End':true}}}
        """.replace("FN", missing), "{}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    JsonNode out = JSON.readTree(d.output());
    assertEquals("Lambda.ResourceNotFoundException", out.get("Error").asText());
    // The cause is the Java SDK's exception message, as Step Functions reports service errors
    String cause = out.get("Cause").asText();
    assertTrue(cause.startsWith("Function not found: " + missing
        + " (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: "), cause);
    assertTrue(cause.endsWith("; Proxy: null)"), cause);
  }

  @Test
  void waitForTaskTokenEndsWithWhatTheFunctionReports() throws Exception {
    String fn = function(dev.fogbank.stepfunctions.it.fn.Approver.class);
    String input = JSON.createObjectNode().put("order", "o-9").put("endpoint", fogbank.endpoint().toString())
        .put("region", fogbank.fogbank().region()).toString();
    DescribeExecutionResponse d = flows.run("""
        {'StartAt':'Approve','States':{'Approve':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',
          'Parameters':{'FunctionName':'FN','Payload':{'token.$':'$$.Task.Token','order.$':'$.order',
            'endpoint.$':'$.endpoint','region.$':'$.region'}},
          'HeartbeatSeconds':600,'End':true}}}
        """.replace("FN", fn), input);
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    assertEquals("{\"approved\":\"o-9\"}", d.output());
    List<HistoryEvent> events = flows.history(d.executionArn());
    assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
        HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUBMITTED,
        HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED),
        types(events));
    assertEquals("invoke.waitForTaskToken", events.get(2).taskScheduledEventDetails().resource());
    // TaskSubmitted carries the Invoke result: the function's own answer
    assertEquals("\"reported\"", JSON.readTree(events.get(4).taskSubmittedEventDetails().output()).get("Payload").toString());
  }

  @Test
  void throttledFunctionIsRetriedByItsLambdaErrorName() throws Exception {
    String fn = function(dev.fogbank.stepfunctions.it.fn.Echo.class);
    // reserved concurrency 0: every Invoke is throttled (TooManyRequestsException, 429)
    lambda.putFunctionConcurrency(b -> b.functionName(fn).reservedConcurrentExecutions(0));
    String arn = flows.start(flows.create("""
        {'StartAt':'Call','States':{
          'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'FN','Payload':{}},
            'Retry':[{'ErrorEquals':['Lambda.TooManyRequestsException'],'IntervalSeconds':1,'MaxAttempts':2,'BackoffRate':1}],
            'Catch':[{'ErrorEquals':['States.TaskFailed'],'Next':'Throttled'}],'End':true},
          'Throttled':{'Type':'Pass','End':true}}}
        """.replace("FN", fn)), "{}");
    // the retries wait on the virtual clock; keep it moving until the execution ends
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (sfn.describeExecution(b -> b.executionArn(arn)).status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
      fogbank.advance(Duration.ofSeconds(1));
    }
    DescribeExecutionResponse d = flows.awaitEnd(arn);
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    assertEquals("Lambda.TooManyRequestsException", JSON.readTree(d.output()).get("Error").asText());
    assertEquals(3, flows.history(d.executionArn()).stream().filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED).count());
  }

  @Test
  void eventInvocationAndSdkInvokeAnswerAsAwsDoes() throws Exception {
    String fn = function(dev.fogbank.stepfunctions.it.fn.Echo.class);
    DescribeExecutionResponse d = flows.run("""
        {'StartAt':'Async','States':{
          'Async':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
            'Parameters':{'FunctionName':'FN','InvocationType':'Event','Payload':{'a':1}},'ResultPath':'$.async','Next':'Sdk'},
          'Sdk':{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:lambda:invoke',
            'Parameters':{'FunctionName':'FN','Payload':{'b':2}},'ResultPath':'$.sdk','End':true}}}
        """.replace("FN", fn), "{}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    JsonNode out = JSON.readTree(d.output());
    // an Event invocation is accepted (202) with an empty payload
    assertEquals(202, out.path("async").get("StatusCode").asInt());
    assertEquals("", out.path("async").get("Payload").asText());
    // aws-sdk:lambda:invoke answers Invoke's members, its Payload as the function's response text
    assertEquals(200, out.path("sdk").get("StatusCode").asInt());
    assertEquals(JSON.readTree("{\"b\":2}"), JSON.readTree(out.path("sdk").get("Payload").asText()).get("event"));
    assertTrue(out.path("sdk").path("SdkHttpMetadata").isMissingNode());
  }
}
