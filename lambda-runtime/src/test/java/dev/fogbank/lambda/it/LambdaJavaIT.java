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

/** Java functions in their own class loader inside Fogbank's JVM, compiled by the test. */
class LambdaJavaIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());

  private static final String POJO_HANDLER =
      """
      package example;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;

      public class Greeter implements RequestHandler<Greeter.Request, Greeter.Response> {
        static int count;

        public static class Request {
          public String name;
          public boolean fail;
        }

        public static class Response {
          public String greeting;
          public int count;
          public String function;
          public String requestId;
          public int memory;
        }

        @Override
        public Response handleRequest(Request request, Context context) {
          count++;
          System.out.println("greeting " + request.name);
          context.getLogger().log("logger line\\n");
          if (request.fail) {
            throw new IllegalStateException("no greeting for " + request.name);
          }
          Response r = new Response();
          r.greeting = "Hello, " + request.name;
          r.count = count;
          r.function = context.getFunctionName();
          r.requestId = context.getAwsRequestId();
          r.memory = context.getMemoryLimitInMB();
          return r;
        }
      }
      """;

  private String create(String handler, Map<String, String> sources) {
    String name = Functions.uniqueName("java");
    Functions.create(lambda, name, Runtime.JAVA21, handler, Packages.java(sources), b -> b.timeout(30).memorySize(512));
    return name;
  }

  @Test
  void requestHandlerPojoRoundTripsWithContext() throws Exception {
    String name = create("example.Greeter::handleRequest", Map.of("example.Greeter", POJO_HANDLER));
    InvokeResponse r =
        lambda.invoke(i -> i.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{\"name\":\"Ada\"}")));
    assertNull(r.functionError(), Functions.text(r));
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals("Hello, Ada", body.path("greeting").asText());
    assertEquals(name, body.path("function").asText());
    assertEquals(512, body.path("memory").asInt());
    assertEquals(1, body.path("count").asInt());
    String log = Functions.log(r);
    assertTrue(log.contains("greeting Ada\n"), log);
    assertTrue(log.contains("logger line\n"), log);
    assertTrue(log.contains("Init Duration: "), log);
    InvokeResponse warm = lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("{\"name\":\"Bo\"}")));
    assertEquals(2, JSON.readTree(Functions.text(warm)).path("count").asInt());
  }

  @Test
  void exceptionAnswersJavaErrorDocument() throws Exception {
    String name = create("example.Greeter", Map.of("example.Greeter", POJO_HANDLER));
    InvokeResponse r =
        lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("{\"name\":\"Ada\",\"fail\":true}")));
    assertEquals("Unhandled", r.functionError());
    JsonNode body = JSON.readTree(Functions.text(r));
    // The java runtimes' error shape: errorMessage, errorType (the class name), stackTrace.
    assertEquals("no greeting for Ada", body.path("errorMessage").asText());
    assertEquals("java.lang.IllegalStateException", body.path("errorType").asText());
    assertTrue(body.path("stackTrace").get(0).asText().startsWith("example.Greeter.handleRequest("), body.toString());
  }

  @Test
  void streamHandlerWritesItsOwnBytes() {
    String name =
        create(
            "example.Upper",
            Map.of(
                "example.Upper",
                """
                package example;
                import com.amazonaws.services.lambda.runtime.*;
                import java.io.*;
                public class Upper implements RequestStreamHandler {
                  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
                    out.write(new String(in.readAllBytes()).toUpperCase().getBytes());
                  }
                }
                """));
    InvokeResponse r = lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("\"shout\"")));
    assertEquals("\"SHOUT\"", Functions.text(r));
  }

  @Test
  void missingClassIsAnInitError() throws Exception {
    String name = create("example.Missing::handle", Map.of("example.Greeter", POJO_HANDLER));
    InvokeResponse r = lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("{}")));
    assertEquals("Unhandled", r.functionError());
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals("java.lang.ClassNotFoundException", body.path("errorType").asText());
    assertEquals("Class not found: example.Missing", body.path("errorMessage").asText());
  }

  @Test
  void timeoutEndsTheInvocationWithTaskTimedOut() throws Exception {
    String name = Functions.uniqueName("java-slow");
    Functions.create(
        lambda,
        name,
        Runtime.JAVA21,
        "example.Slow::handle",
        Packages.java(
            Map.of(
                "example.Slow",
                """
                package example;
                public class Slow {
                  public String handle(Integer millis) throws Exception {
                    Thread.sleep(millis);
                    return "done";
                  }
                }
                """)),
        b -> b.timeout(1));
    // Warm the environment first: a cold start's init has its own allowance.
    assertEquals("\"done\"", Functions.text(lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("1")))));
    InvokeResponse r =
        lambda.invoke(i -> i.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("60000")));
    assertEquals("Unhandled", r.functionError());
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals("Sandbox.Timedout", body.path("errorType").asText());
    assertTrue(body.path("errorMessage").asText().endsWith("Task timed out after 1.00 seconds"), body.toString());
    assertTrue(Functions.log(r).contains("Status: timeout"), Functions.log(r));
  }
}
