package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import dev.fogbank.testkit.LambdaPackages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Java functions in Fogbank's JVM stay in their own environment as they would in their own
 * process: {@code System.getenv} answers the function's variables, the AWS SDK in the function's
 * package finds its region, credentials and endpoint there, and {@code System.exit} or {@code
 * Runtime.halt} end only the function's environment.
 */
class LambdaJavaIsolationIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());

  private static final String ENVIRONMENT_HANDLER =
      """
      package example;

      import java.util.LinkedHashMap;
      import java.util.Map;

      public class Environment {
        public Map<String, Object> handle(Map<String, String> event) {
          Map<String, Object> seen = new LinkedHashMap<>();
          seen.put("myVar", System.getenv("MY_VAR"));
          seen.put("functionName", System.getenv("AWS_LAMBDA_FUNCTION_NAME"));
          seen.put("handler", System.getenv("_HANDLER"));
          seen.put("region", System.getenv("AWS_REGION"));
          seen.put("endpoint", System.getenv("AWS_ENDPOINT_URL"));
          seen.put("listsMyVar", System.getenv().containsKey("MY_VAR"));
          seen.put("fogbankVariable", System.getenv(event.get("fogbankVariable")));
          seen.put("listsFogbankVariable", System.getenv().containsKey(event.get("fogbankVariable")));
          return seen;
        }
      }
      """;

  /** Counts invocations per init; exits as the event says. */
  private static final String EXIT_HANDLER =
      """
      package example;

      public class Exits {
        static int count;

        public int handle(String how) throws Exception {
          count++;
          switch (how) {
            case "exit" -> {
              try {
                System.exit(3);
              } catch (Exception e) {
                return -1;
              }
            }
            case "halt" -> Runtime.getRuntime().halt(1);
            case "exit0" -> System.exit(0);
            case "thread" -> {
              Thread t = new Thread(() -> Runtime.getRuntime().exit(4));
              t.start();
              t.join();
              Thread.sleep(60_000);
            }
            default -> {}
          }
          return count;
        }
      }
      """;

  private String create(String handler, Map<String, String> sources, List<Path> libraries, Map<String, String> variables) {
    String name = Functions.uniqueName("java-iso");
    Functions.create(
        lambda,
        name,
        Runtime.JAVA21,
        handler,
        Packages.java(sources, libraries),
        b -> b.timeout(60).memorySize(512).environment(e -> e.variables(variables)));
    return name;
  }

  private InvokeResponse invoke(String name, String payload) {
    return lambda.invoke(i -> i.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
  }

  /** A variable of Fogbank's own process that Lambda does not set for a function. */
  private static String fogbankVariable() {
    for (String candidate : List.of("JAVA_HOME", "USER", "HOSTNAME", "PWD", "SHELL")) {
      if (System.getenv(candidate) != null) {
        return candidate;
      }
    }
    return System.getenv().keySet().stream()
        .filter(k -> !List.of("PATH", "LANG", "TZ", "HOME", "TMPDIR").contains(k) && !k.startsWith("AWS_") && !k.startsWith("_"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void getenvAnswersTheFunctionsEnvironmentNotFogbanks() throws Exception {
    String name = create("example.Environment::handle", Map.of("example.Environment", ENVIRONMENT_HANDLER), List.of(), Map.of("MY_VAR", "mine"));
    String own = fogbankVariable();
    assertNotNull(System.getenv(own));
    InvokeResponse r = invoke(name, "{\"fogbankVariable\":\"" + own + "\"}");
    assertNull(r.functionError(), Functions.text(r));
    JsonNode seen = JSON.readTree(Functions.text(r));
    assertEquals("mine", seen.path("myVar").asText());
    assertEquals(name, seen.path("functionName").asText());
    assertEquals("example.Environment::handle", seen.path("handler").asText());
    assertEquals(fogbank.fogbank().region(), seen.path("region").asText());
    // The function's own SDK calls go back to Fogbank, as the caller reached it.
    assertEquals(fogbank.endpoint().toString().replaceAll("/$", ""), seen.path("endpoint").asText().replaceAll("/$", ""));
    assertTrue(seen.path("listsMyVar").asBoolean());
    // null, which the runtime's POJO serialization leaves out
    assertTrue(seen.path("fogbankVariable").isMissingNode(), seen.toString());
    assertFalse(seen.path("listsFogbankVariable").asBoolean());
  }

  @Test
  void sdkInThePackageFindsRegionCredentialsAndEndpointInTheFunctionsEnvironment() throws Exception {
    String queue = Functions.uniqueName("from-function");
    String name =
        create(
            "example.MakeQueue::handle",
            Map.of(
                "example.MakeQueue",
                """
                package example;

                import software.amazon.awssdk.services.sqs.SqsClient;

                public class MakeQueue {
                  public String[] handle(String queue) {
                    // No region, endpoint or credentials in code: the SDK reads AWS_REGION,
                    // AWS_ENDPOINT_URL and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY from the environment.
                    try (SqsClient sqs = SqsClient.create()) {
                      String url = sqs.createQueue(b -> b.queueName(queue)).queueUrl();
                      // the SDK of the package, not one Fogbank's class path happens to hold
                      String own = String.valueOf(SqsClient.class.getClassLoader() == MakeQueue.class.getClassLoader());
                      return new String[] {url, own};
                    }
                  }
                }
                """),
            LambdaPackages.sdkJars("sqs"),
            Map.of());
    // The SDK prefers the aws.region system property to AWS_REGION: Fogbank's JVM (here the test's)
    // may have one, and the function must not see it.
    String previous = System.setProperty("aws.region", "eu-north-9");
    InvokeResponse r;
    try {
      r = invoke(name, "\"" + queue + "\"");
    } finally {
      if (previous == null) {
        System.clearProperty("aws.region");
      } else {
        System.setProperty("aws.region", previous);
      }
    }
    assertNull(r.functionError(), Functions.text(r) + "\n" + Functions.log(r));
    JsonNode answer = JSON.readTree(Functions.text(r));
    String url = answer.path(0).asText();
    assertEquals("true", answer.path(1).asText(), "the SDK came from the package's lib/");
    assertTrue(url.endsWith("/" + queue), url);
    // made in the function's region (Fogbank's), which the test's client uses too
    try (SqsClient sqs = fogbank.client(SqsClient.builder())) {
      assertEquals(url, sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl());
    }
  }

  @Test
  void systemExitEndsTheEnvironmentAndTheNextInvokeInitsAgain() throws Exception {
    String name = create("example.Exits::handle", Map.of("example.Exits", EXIT_HANDLER), List.of(), Map.of());
    assertEquals("1", Functions.text(invoke(name, "\"count\"")));
    assertEquals("2", Functions.text(invoke(name, "\"count\"")));
    InvokeResponse exit = invoke(name, "\"exit\"");
    assertExitError(exit, 3);
    // Fogbank keeps serving, and the function starts over in a new environment (static state reset).
    assertNotNull(lambda.getFunction(g -> g.functionName(name)).configuration());
    InvokeResponse next = invoke(name, "\"count\"");
    assertEquals("1", Functions.text(next));
    assertTrue(Functions.log(next).contains("Init Duration: "), Functions.log(next));
  }

  @Test
  void runtimeHaltEndsTheEnvironment() throws Exception {
    String name = create("example.Exits::handle", Map.of("example.Exits", EXIT_HANDLER), List.of(), Map.of());
    assertEquals("1", Functions.text(invoke(name, "\"count\"")));
    assertExitError(invoke(name, "\"halt\""), 1);
    assertEquals("1", Functions.text(invoke(name, "\"count\"")));
  }

  @Test
  void exitWithStatusZeroIsAnExitWithoutAReason() throws Exception {
    String name = create("example.Exits::handle", Map.of("example.Exits", EXIT_HANDLER), List.of(), Map.of());
    InvokeResponse r = invoke(name, "\"exit0\"");
    assertEquals("Unhandled", r.functionError(), Functions.text(r));
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals("Runtime.ExitError", body.path("errorType").asText());
    // Lambda's words when a runtime ends with status 0 while it holds a request.
    assertEquals(
        "RequestId: " + r.responseMetadata().requestId() + " Error: Runtime exited without providing a reason",
        body.path("errorMessage").asText());
    assertEquals("1", Functions.text(invoke(name, "\"count\"")));
  }

  @Test
  void exitFromAThreadTheFunctionStartedEndsTheInvocation() throws Exception {
    String name = create("example.Exits::handle", Map.of("example.Exits", EXIT_HANDLER), List.of(), Map.of());
    assertExitError(invoke(name, "\"thread\""), 4);
    assertEquals("1", Functions.text(invoke(name, "\"count\"")));
  }

  @Test
  void exitDuringInitFailsTheInvokeAndInitRunsAgainNextTime() throws Exception {
    String name =
        create(
            "example.ExitsEarly::handle",
            Map.of(
                "example.ExitsEarly",
                """
                package example;

                public class ExitsEarly {
                  static {
                    if (System.getenv("EXIT_IN_INIT") != null) {
                      System.exit(2);
                    }
                  }

                  public String handle(String in) {
                    return "ran";
                  }
                }
                """),
            List.of(),
            Map.of("EXIT_IN_INIT", "yes"));
    assertExitError(invoke(name, "\"a\""), 2);
    assertExitError(invoke(name, "\"b\""), 2);
    lambda.updateFunctionConfiguration(u -> u.functionName(name).environment(e -> e.variables(Map.of())));
    Functions.waitUpdated(lambda, name);
    assertEquals("\"ran\"", Functions.text(invoke(name, "\"c\"")));
  }

  /**
   * Lambda's answer when the runtime process exits during an invocation: errorType {@code
   * Runtime.ExitError}, message {@code RequestId: <id> Error: Runtime exited with error: exit status
   * <n>} (as Lambda reports it for every runtime, e.g. aws/aws-lambda-dotnet#480).
   */
  private static void assertExitError(InvokeResponse r, int status) throws IOException {
    assertEquals("Unhandled", r.functionError(), Functions.text(r));
    JsonNode body = JSON.readTree(Functions.text(r));
    assertEquals("Runtime.ExitError", body.path("errorType").asText());
    String requestId = r.responseMetadata().requestId();
    assertEquals("RequestId: " + requestId + " Error: Runtime exited with error: exit status " + status, body.path("errorMessage").asText());
    assertTrue(Functions.log(r).contains("Runtime.ExitError"), Functions.log(r));
  }
}
