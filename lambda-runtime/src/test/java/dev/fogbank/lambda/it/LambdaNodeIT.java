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

/** Node.js functions (ES module and CommonJS, async and callback) as local node processes. */
class LambdaNodeIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());

  private String create(String handler, Map<String, String> files) {
    String name = Functions.uniqueName("node");
    Functions.create(lambda, name, Runtime.NODEJS20_X, handler, Packages.zip(files), b -> b.timeout(30));
    return name;
  }

  private static InvokeResponse call(LambdaClient lambda, String name, String payload) {
    return lambda.invoke(i -> i.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
  }

  @Test
  void esModuleAsyncHandlerGetsEventAndContext() throws Exception {
    String name =
        create(
            "index.handler",
            Map.of(
                "index.mjs",
                """
                let count = 0;
                export const handler = async (event, context) => {
                  count++;
                  console.log("hello from node");
                  return { echo: event, count, fn: context.functionName, id: context.awsRequestId,
                           arn: context.invokedFunctionArn, remaining: context.getRemainingTimeInMillis() };
                };
                """));
    InvokeResponse r = call(lambda, name, "{\"a\":1}");
    assertNull(r.functionError(), Functions.text(r));
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals(1, body.path("echo").path("a").asInt());
    assertEquals(name, body.path("fn").asText());
    assertEquals("arn:aws:lambda:us-east-1:000000000000:function:" + name, body.path("arn").asText());
    assertTrue(body.path("remaining").asInt() > 0);
    assertTrue(Functions.log(r).contains("\tINFO\thello from node"), Functions.log(r));
    InvokeResponse second = call(lambda, name, "{}");
    assertEquals(2, JSON.readTree(Functions.text(second)).path("count").asInt());
  }

  @Test
  void commonJsCallbackHandlerAnswersThroughTheCallback() throws Exception {
    String name =
        create(
            "handler.main",
            Map.of(
                "handler.js",
                "exports.main = function (event, context, callback) { setTimeout(() => callback(null, { doubled: event.n * 2 }), 5); };\n"));
    InvokeResponse r = call(lambda, name, "{\"n\":21}");
    assertNull(r.functionError(), Functions.text(r));
    assertEquals(42, JSON.readTree(Functions.text(r)).path("doubled").asInt());
  }

  @Test
  void thrownErrorAnswersErrorTypeMessageAndTrace() throws Exception {
    String name =
        create("index.handler", Map.of("index.mjs", "export const handler = async () => { throw new TypeError('bad input'); };\n"));
    InvokeResponse r = call(lambda, name, "{}");
    assertEquals("Unhandled", r.functionError());
    JsonNode body = JSON.readTree(Functions.text(r));
    // The nodejs runtimes' error shape: errorType, errorMessage, trace.
    assertEquals("TypeError", body.path("errorType").asText());
    assertEquals("bad input", body.path("errorMessage").asText());
    assertTrue(body.path("trace").isArray());
  }

  @Test
  void missingHandlerExportIsRuntimeHandlerNotFound() throws Exception {
    String name = create("index.nothere", Map.of("index.mjs", "export const handler = async () => 1;\n"));
    InvokeResponse r = call(lambda, name, "{}");
    assertEquals("Unhandled", r.functionError());
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals("Runtime.HandlerNotFound", body.path("errorType").asText());
    assertEquals("index.nothere is undefined or not exported", body.path("errorMessage").asText());
  }
}
