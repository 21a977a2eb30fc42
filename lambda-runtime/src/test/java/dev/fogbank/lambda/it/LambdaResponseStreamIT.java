package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponseStreamUpdate;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamCompleteEvent;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponse;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** InvokeWithResponseStream through the SDK's event-stream decoder (the async client). */
class LambdaResponseStreamIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());
  private final LambdaAsyncClient async = fogbank.client(LambdaAsyncClient.builder());

  private record Streamed(InvokeWithResponseStreamResponse response, byte[] payload, List<InvokeWithResponseStreamCompleteEvent> completes) {}

  private Streamed stream(String name, String payload, LogType logType) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<InvokeWithResponseStreamCompleteEvent> completes = new ArrayList<>();
    AtomicReference<InvokeWithResponseStreamResponse> response = new AtomicReference<>();
    InvokeWithResponseStreamResponseHandler handler =
        InvokeWithResponseStreamResponseHandler.builder()
            .onResponse(response::set)
            .subscriber(
                InvokeWithResponseStreamResponseHandler.Visitor.builder()
                    .onPayloadChunk((InvokeResponseStreamUpdate c) -> bytes.writeBytes(c.payload().asByteArray()))
                    .onInvokeComplete(completes::add)
                    .build())
            .build();
    async
        .invokeWithResponseStream(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(payload)).logType(logType), handler)
        .get(60, TimeUnit.SECONDS);
    return new Streamed(response.get(), bytes.toByteArray(), completes);
  }

  @Test
  void aPythonFunctionsResponseArrivesAsPayloadChunksAndInvokeComplete() throws Exception {
    String name = Functions.uniqueName("stream");
    Functions.create(
        lambda,
        name,
        Runtime.PYTHON3_12,
        "app.handler",
        Packages.zip("app.py", "def handler(event, context):\n    print('streaming')\n    return {'big': 'x' * 100000}\n"),
        b -> {});
    Streamed s = stream(name, "{}", LogType.TAIL);
    assertEquals(200, s.response().statusCode());
    assertEquals("$LATEST", s.response().executedVersion());
    String body = new String(s.payload(), StandardCharsets.UTF_8);
    assertEquals("{\"big\": \"" + "x".repeat(100000) + "\"}", body);
    assertEquals(1, s.completes().size());
    InvokeWithResponseStreamCompleteEvent complete = s.completes().get(0);
    assertNull(complete.errorCode());
    String log = new String(Base64.getDecoder().decode(complete.logResult()), StandardCharsets.UTF_8);
    assertTrue(log.contains("streaming") && log.contains("REPORT RequestId:"), log);
  }

  @Test
  void aNodeStreamingHandlersWritesArriveInOrder() throws Exception {
    String name = Functions.uniqueName("stream");
    String source =
        """
        export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
          responseStream.setContentType("text/plain");
          for (let i = 0; i < 3; i++) {
            responseStream.write("part " + i + " of " + context.functionName + "\\n");
          }
          responseStream.end();
        });
        """;
    Functions.create(lambda, name, Runtime.NODEJS20_X, "index.handler", Packages.zip("index.mjs", source), b -> {});
    Streamed s = stream(name, "{}", LogType.NONE);
    assertEquals(200, s.response().statusCode());
    assertEquals(
        "part 0 of " + name + "\npart 1 of " + name + "\npart 2 of " + name + "\n", new String(s.payload(), StandardCharsets.UTF_8));
    assertNull(s.completes().get(0).errorCode());
  }

  @Test
  void aNodeFunctionsErrorIsReportedInInvokeComplete() throws Exception {
    String name = Functions.uniqueName("stream");
    Functions.create(
        lambda,
        name,
        Runtime.NODEJS20_X,
        "index.handler",
        Packages.zip("index.mjs", "export const handler = async (event) => { throw new TypeError('bad input'); };\n"),
        b -> {});
    Streamed s = stream(name, "{}", LogType.NONE);
    assertEquals(200, s.response().statusCode());
    assertEquals(0, s.payload().length);
    InvokeWithResponseStreamCompleteEvent complete = s.completes().get(0);
    assertEquals("TypeError", complete.errorCode());
    assertEquals("bad input", complete.errorDetails());
    assertNull(complete.logResult());
  }

  @Test
  void dryRunChecksTheFunctionWithoutRunningIt() throws Exception {
    String name = Functions.uniqueName("stream");
    Functions.create(
        lambda, name, Runtime.PYTHON3_12, "app.handler", Packages.zip("app.py", "def handler(event, context):\n    return 1\n"), b -> {});
    AtomicReference<InvokeWithResponseStreamResponse> response = new AtomicReference<>();
    async
        .invokeWithResponseStream(
            r -> r.functionName(name).invocationType("DryRun"),
            InvokeWithResponseStreamResponseHandler.builder().onResponse(response::set).subscriber(e -> {}).build())
        .get(60, TimeUnit.SECONDS);
    assertEquals(204, response.get().statusCode());
  }
}
