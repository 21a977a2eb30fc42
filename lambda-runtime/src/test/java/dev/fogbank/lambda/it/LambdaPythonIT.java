package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Python functions run as local python3 processes through the Runtime API. */
class LambdaPythonIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());

  private static final String HANDLER =
      """
      import os
      count = 0

      def handler(event, context):
          global count
          count += 1
          print("hello from python")
          if event.get("fail"):
              raise ValueError("boom")
          return {
              "echo": event,
              "count": count,
              "requestId": context.aws_request_id,
              "functionName": context.function_name,
              "version": context.function_version,
              "arn": context.invoked_function_arn,
              "memory": context.memory_limit_in_mb,
              "remaining": context.get_remaining_time_in_millis(),
              "logGroup": context.log_group_name,
              "greeting": os.environ.get("GREETING"),
              "region": os.environ.get("AWS_REGION"),
              "handlerVar": os.environ.get("_HANDLER"),
              "tmp": os.environ.get("TMPDIR"),
          }
      """;

  private String create() {
    String name = Functions.uniqueName("py");
    Functions.create(
        lambda,
        name,
        Runtime.PYTHON3_11,
        "app.handler",
        Packages.zip("app.py", HANDLER),
        b -> b.environment(e -> e.variables(Map.of("GREETING", "hi"))).memorySize(256));
    return name;
  }

  @Test
  void invokeReturnsTheHandlersResultWithContextAndEnvironment() throws Exception {
    String name = create();
    InvokeResponse r = lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("{\"a\":1}")));
    assertEquals(200, r.statusCode());
    assertNull(r.functionError(), Functions.text(r));
    assertEquals("$LATEST", r.executedVersion());
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals(1, body.path("echo").path("a").asInt());
    assertEquals(name, body.path("functionName").asText());
    assertEquals("$LATEST", body.path("version").asText());
    assertEquals("arn:aws:lambda:us-east-1:000000000000:function:" + name, body.path("arn").asText());
    assertEquals("256", body.path("memory").asText());
    assertTrue(body.path("remaining").asInt() > 0 && body.path("remaining").asInt() <= 3000);
    assertEquals("/aws/lambda/" + name, body.path("logGroup").asText());
    assertEquals("hi", body.path("greeting").asText());
    assertEquals("us-east-1", body.path("region").asText());
    assertEquals("app.handler", body.path("handlerVar").asText());
    assertTrue(body.path("tmp").asText().length() > 0);
  }

  @Test
  void warmEnvironmentKeepsModuleStateBetweenInvocations() throws Exception {
    String name = create();
    lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("{}")));
    InvokeResponse second = lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("{}")));
    assertEquals(2, JSON.readTree(Functions.text(second)).path("count").asInt());
  }

  @Test
  void unhandledErrorAnswersLambdasErrorDocument() throws Exception {
    String name = create();
    InvokeResponse r =
        lambda.invoke(i -> i.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{\"fail\":true}")));
    assertEquals(200, r.statusCode());
    assertEquals("Unhandled", r.functionError());
    JsonNode body = JSON.readTree(Functions.text(r));
    // The python runtime's error shape: errorMessage, errorType, requestId, stackTrace.
    assertEquals("boom", body.path("errorMessage").asText());
    assertEquals("ValueError", body.path("errorType").asText());
    assertTrue(body.path("stackTrace").isArray() && body.path("stackTrace").size() > 0);
    String log = Functions.log(r);
    assertTrue(log.startsWith("START RequestId: "), log);
    assertTrue(log.contains("hello from python"), log);
    assertTrue(log.contains("END RequestId: "), log);
    assertTrue(log.contains("REPORT RequestId: "), log);
  }

  @Test
  void logTailCarriesStartEndReportAndTheFunctionsOutput() {
    String name = create();
    InvokeResponse r = lambda.invoke(i -> i.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{}")));
    String log = Functions.log(r);
    assertTrue(log.matches("(?s)START RequestId: \\S+ Version: \\$LATEST\nhello from python\nEND RequestId: \\S+\nREPORT RequestId: \\S+\tDuration: [0-9.]+ ms\tBilled Duration: \\d+ ms\tMemory Size: 256 MB\tMax Memory Used: \\d+ MB.*"), log);
  }

  @Test
  void importErrorIsReportedAsRuntimeImportModuleError() throws Exception {
    String name = Functions.uniqueName("py-bad");
    Functions.create(lambda, name, Runtime.PYTHON3_11, "missing.handler", Packages.zip("app.py", HANDLER), b -> {});
    InvokeResponse r = lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("{}")));
    assertEquals("Unhandled", r.functionError());
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals("Runtime.ImportModuleError", body.path("errorType").asText());
    assertEquals("Unable to import module 'missing': No module named 'missing'", body.path("errorMessage").asText());
  }

  @Test
  void exitingFunctionAnswersRuntimeExitErrorAndTheNextInvocationStartsFresh() throws Exception {
    String name = Functions.uniqueName("py-exit");
    Functions.create(
        lambda,
        name,
        Runtime.PYTHON3_11,
        "app.handler",
        Packages.zip("app.py", "import sys\ndef handler(event, context):\n    if event.get('exit'):\n        sys.exit(3)\n    return 'ok'\n"),
        b -> {});
    InvokeResponse r = lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("{\"exit\":true}")));
    assertEquals("Unhandled", r.functionError());
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals("Runtime.ExitError", body.path("errorType").asText());
    assertTrue(body.path("errorMessage").asText().endsWith("Runtime exited with error: exit status 3"), body.toString());
    InvokeResponse again = lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("{}")));
    assertNull(again.functionError());
    assertEquals("\"ok\"", Functions.text(again));
  }
}
