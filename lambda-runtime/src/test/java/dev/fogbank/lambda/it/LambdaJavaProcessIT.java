package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Java functions in child-JVM mode ({@code lambda.java-mode=process}): each environment a JVM
 * running the official runtime interface client, so the error documents and the context are the
 * client's own, as in Lambda.
 */
class LambdaJavaProcessIT {

  @RegisterExtension
  static final FogbankExtension fogbank = FogbankExtension.configured(b -> b.settings(Map.of("lambda.java-mode", "process")));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());

  private static final String GREETER =
      """
      package example;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;

      public class Greeter implements RequestHandler<Greeter.Request, Greeter.Response> {
        static int count;

        public static class Request {
          public String name;
          public boolean fail;
          public int exit;
        }

        public static class Response {
          public String greeting;
          public int count;
          public String function;
          public String version;
          public String arn;
          public String requestId;
          public int memory;
          public String logGroup;
          public String logStream;
          public long remaining;
          public String variable;
          public String region;
          public String custom;
        }

        @Override
        public Response handleRequest(Request request, Context context) {
          count++;
          System.out.println("greeting " + request.name);
          System.err.println("to stderr " + request.name);
          context.getLogger().log("logger line\\n");
          System.out.print("no newline " + request.name);
          if (request.exit != 0) {
            System.exit(request.exit);
          }
          if (request.fail) {
            throw new IllegalStateException("no greeting for " + request.name);
          }
          Response r = new Response();
          r.greeting = "Hello, " + request.name;
          r.count = count;
          r.function = context.getFunctionName();
          r.version = context.getFunctionVersion();
          r.arn = context.getInvokedFunctionArn();
          r.requestId = context.getAwsRequestId();
          r.memory = context.getMemoryLimitInMB();
          r.logGroup = context.getLogGroupName();
          r.logStream = context.getLogStreamName();
          r.remaining = context.getRemainingTimeInMillis();
          r.variable = System.getenv("GREETING_STYLE");
          r.region = System.getenv("AWS_REGION");
          r.custom = context.getClientContext() == null ? null : context.getClientContext().getCustom().get("tenant");
          return r;
        }
      }
      """;

  private String create(String handler, Map<String, String> sources, Consumer<CreateFunctionRequest.Builder> more) {
    String name = Functions.uniqueName("jvm");
    Functions.create(
        lambda,
        name,
        Runtime.JAVA21,
        handler,
        Packages.java(sources),
        b -> {
          b.timeout(30).memorySize(512).environment(e -> e.variables(Map.of("GREETING_STYLE", "formal")));
          more.accept(b);
        });
    return name;
  }

  private InvokeResponse invoke(String name, String payload) {
    return lambda.invoke(i -> i.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
  }

  @Test
  void pojoHandlerSeesContextAndVariablesAndStaysWarm() throws Exception {
    String name = create("example.Greeter::handleRequest", Map.of("example.Greeter", GREETER), b -> {});
    InvokeResponse r = invoke(name, "{\"name\":\"Ada\"}");
    assertNull(r.functionError(), Functions.text(r));
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals("Hello, Ada", body.path("greeting").asText());
    assertEquals(1, body.path("count").asInt());
    assertEquals(name, body.path("function").asText());
    assertEquals("$LATEST", body.path("version").asText());
    assertTrue(body.path("arn").asText().endsWith(":function:" + name), body.toString());
    assertEquals(r.responseMetadata().requestId(), body.path("requestId").asText());
    assertEquals(512, body.path("memory").asInt());
    assertEquals("/aws/lambda/" + name, body.path("logGroup").asText());
    assertTrue(body.path("logStream").asText().contains("[$LATEST]"), body.toString());
    long remaining = body.path("remaining").asLong();
    assertTrue(remaining > 0 && remaining <= 30_000, body.toString());
    assertEquals("formal", body.path("variable").asText());
    assertEquals("us-east-1", body.path("region").asText());
    String log = Functions.log(r);
    assertTrue(log.contains("greeting Ada\n"), log);
    assertTrue(log.contains("to stderr Ada\n"), log);
    assertTrue(log.contains("logger line"), log);
    assertTrue(log.contains("Init Duration: "), log);

    // Warm: the same JVM, its static counter kept, no init this time, and only its own lines.
    // ClientContext (base64 JSON, as the SDK sends it) reaches context.getClientContext().
    String clientContext = java.util.Base64.getEncoder().encodeToString("{\"custom\":{\"tenant\":\"t-1\"},\"env\":{},\"client\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    InvokeResponse warm =
        lambda.invoke(i -> i.functionName(name).logType(LogType.TAIL).clientContext(clientContext).payload(SdkBytes.fromUtf8String("{\"name\":\"Bo\"}")));
    assertEquals(2, JSON.readTree(Functions.text(warm)).path("count").asInt());
    assertEquals("t-1", JSON.readTree(Functions.text(warm)).path("custom").asText(), Functions.text(warm));
    String warmLog = Functions.log(warm);
    assertTrue(warmLog.contains("greeting Bo\n"), warmLog);
    // A line the function left without its newline stays in its own invocation's log.
    assertTrue(log.contains("no newline Ada"), log);
    assertTrue(warmLog.contains("no newline Bo"), warmLog);
    assertFalse(warmLog.contains("Ada"), warmLog);
    assertFalse(warmLog.contains("Init Duration"), warmLog);
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
                """),
            b -> {});
    InvokeResponse r = invoke(name, "\"shout\"");
    assertNull(r.functionError(), Functions.text(r));
    assertEquals("\"SHOUT\"", Functions.text(r));
  }

  @Test
  void exceptionAnswersTheClientsErrorDocumentAndLogsIt() throws Exception {
    String name = create("example.Greeter::handleRequest", Map.of("example.Greeter", GREETER), b -> {});
    InvokeResponse r = invoke(name, "{\"name\":\"Ada\",\"fail\":true}");
    assertEquals("Unhandled", r.functionError());
    JsonNode body = JSON.readTree(Functions.text(r));
    // The java runtimes' error shape: errorMessage, errorType (the class name), stackTrace.
    assertEquals("no greeting for Ada", body.path("errorMessage").asText());
    assertEquals("java.lang.IllegalStateException", body.path("errorType").asText());
    assertTrue(body.path("stackTrace").get(0).asText().startsWith("example.Greeter.handleRequest("), body.toString());
    // The client logs the error after it posts it, before it polls again: still this invocation's.
    String log = Functions.log(r);
    assertTrue(log.contains("no greeting for Ada"), log);
    // An uncaught exception does not end the environment.
    InvokeResponse next = invoke(name, "{\"name\":\"Bo\"}");
    assertNull(next.functionError(), Functions.text(next));
    assertEquals(2, JSON.readTree(Functions.text(next)).path("count").asInt());
    assertFalse(Functions.log(next).contains("no greeting for Ada"), Functions.log(next));
  }

  @Test
  void missingClassIsTheClientsClassNotFoundError() throws Exception {
    String name = create("example.Missing::handle", Map.of("example.Greeter", GREETER), b -> {});
    InvokeResponse r = invoke(name, "{}");
    assertEquals("Unhandled", r.functionError());
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals("java.lang.ClassNotFoundException", body.path("errorType").asText());
    assertEquals("Class not found: example.Missing", body.path("errorMessage").asText());
  }

  @Test
  void systemExitEndsOnlyThatEnvironment() throws Exception {
    String name = create("example.Greeter::handleRequest", Map.of("example.Greeter", GREETER), b -> {});
    InvokeResponse r = invoke(name, "{\"name\":\"Ada\",\"exit\":3}");
    assertEquals("Unhandled", r.functionError());
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals("Runtime.ExitError", body.path("errorType").asText());
    assertTrue(body.path("errorMessage").asText().endsWith("Runtime exited with error: exit status 3"), body.toString());
    assertTrue(Functions.log(r).contains("greeting Ada\n"), Functions.log(r));
    // Fogbank still answers, and the next invocation starts a fresh environment.
    InvokeResponse again = invoke(name, "{\"name\":\"Bo\"}");
    assertNull(again.functionError(), Functions.text(again));
    assertEquals(1, JSON.readTree(Functions.text(again)).path("count").asInt());
    assertTrue(Functions.log(again).contains("Init Duration: "), Functions.log(again));
  }

  @Test
  void timeoutKillsTheJvmAndTheNextInvocationStartsFresh() throws Exception {
    String name =
        create(
            "example.Slow::handle",
            Map.of(
                "example.Slow",
                """
                package example;
                public class Slow {
                  static int count;
                  public String handle(Integer millis) throws Exception {
                    count++;
                    Thread.sleep(millis);
                    return "done " + count;
                  }
                }
                """),
            b -> b.timeout(1));
    // Warm the environment first: a cold start's init has its own allowance.
    assertEquals("\"done 1\"", Functions.text(invoke(name, "1")));
    InvokeResponse r = invoke(name, "60000");
    assertEquals("Unhandled", r.functionError());
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals("Sandbox.Timedout", body.path("errorType").asText());
    assertTrue(body.path("errorMessage").asText().endsWith("Task timed out after 1.00 seconds"), body.toString());
    assertTrue(Functions.log(r).contains("Status: timeout"), Functions.log(r));
    // The timed-out JVM is gone: a new one counts from 1 again.
    assertEquals("\"done 1\"", Functions.text(invoke(name, "1")));
  }

  @Test
  void layerJarsUnderJavaLibAreOnTheClassPath() throws Exception {
    // Lambda puts a layer's java/lib/*.jar on a Java function's class path.
    byte[] libJar = Packages.java(Map.of("lib.Greeting", "package lib;\npublic class Greeting {\n  public static String of(String name) { return \"Hi, \" + name; }\n}\n")).asByteArray();
    String layerArn =
        lambda
            .publishLayerVersion(
                b ->
                    b.layerName(Functions.uniqueName("jvm-layer"))
                        .compatibleRuntimes(Runtime.JAVA21)
                        .content(c -> c.zipFile(SdkBytes.fromByteArray(Packages.zipBytes(Map.of("java/lib/greeting.jar", libJar))))))
            .layerVersionArn();
    String name =
        create(
            "example.UsesLayer::handle",
            Map.of(
                "example.UsesLayer",
                """
                package example;
                public class UsesLayer {
                  public String handle(String name) throws Exception {
                    return (String) Class.forName("lib.Greeting").getMethod("of", String.class).invoke(null, name);
                  }
                }
                """),
            b -> b.layers(layerArn));
    InvokeResponse r = invoke(name, "\"Ada\"");
    assertNull(r.functionError(), Functions.text(r));
    assertEquals("\"Hi, Ada\"", Functions.text(r));
  }

  @Test
  void failingStaticInitIsTheClientsInitError() throws Exception {
    String name =
        create(
            "example.Broken::handle",
            Map.of(
                "example.Broken",
                """
                package example;
                public class Broken {
                  static final String CONFIG = load();
                  static String load() { throw new IllegalStateException("no configuration"); }
                  public String handle(String in) { return CONFIG; }
                }
                """),
            b -> {});
    InvokeResponse r = invoke(name, "\"x\"");
    assertEquals("Unhandled", r.functionError());
    // The client reports the init error (and exits), then Lambda answers the invoke with it.
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals("java.lang.ExceptionInInitializerError", body.path("errorType").asText());
    assertEquals("Error loading class example.Broken", body.path("errorMessage").asText());
    String log = Functions.log(r);
    assertTrue(log.contains("Caused by: java.lang.IllegalStateException: no configuration"), log);
    // The JVM's own start-up warnings are not the function's output.
    assertFalse(log.contains("WARNING:"), log);
  }
}
