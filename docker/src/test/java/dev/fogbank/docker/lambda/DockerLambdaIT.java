package dev.fogbank.docker.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.docker.DockerEngine;
import dev.fogbank.testkit.FogbankTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Zip functions run by the Docker executor in the locally built Python runtime image: code at
 * /var/task, the Runtime API reached from inside the container, warm containers reused, idle
 * ones reclaimed, all removed at the end.
 */
@Tag("docker")
@FogbankTest(
    services = "lambda",
    settings = {
      "lambda.executor=docker",
      "lambda.docker.image.python3.12=" + DockerLambdaIT.IMAGE,
      // Any container idle when another starts is reclaimed, so the test sees it happen.
      "lambda.docker.idle-timeout=PT0S"
    })
class DockerLambdaIT {

  static final String IMAGE = "fogbank/lambda-python:3.11";
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void needsDocker() {
    DockerEngine.assumeImages(IMAGE);
  }

  @AfterAll
  static void removesEveryContainerAtTheEnd() {
    if (!DockerEngine.available()) {
      return;
    }
    DockerLambdaExecutor.removeAll();
    assertEquals("", DockerEngine.output("ps", "-q", "--filter", "label=" + DockerLambdaExecutor.LABEL_OWNER + "=" + ProcessHandle.current().pid()));
  }

  @Test
  void zipFunctionRunsInAContainerAndStaysWarm(LambdaClient lambda) throws Exception {
    String name = "docker-py-" + System.nanoTime();
    PythonZip.create(lambda, name);

    InvokeResponse first = invoke(lambda, name, "{\"a\":1}");
    assertNull(first.functionError(), text(first) + "\n" + new String(Base64.getDecoder().decode(first.logResult()), StandardCharsets.UTF_8));
    JsonNode body = JSON.readTree(text(first));
    assertEquals(1, body.path("echo").path("a").asInt());
    assertEquals("/var/task", body.path("taskRoot").asText());
    assertEquals("/var/task", body.path("cwd").asText());
    assertTrue(body.path("inContainer").asBoolean(), "ran inside a container: " + body);
    assertEquals(name, body.path("functionName").asText());
    assertEquals(200, body.path("callback").asInt(), "the function reached Fogbank at AWS_ENDPOINT_URL");
    String log = new String(Base64.getDecoder().decode(first.logResult()), StandardCharsets.UTF_8);
    assertTrue(log.contains("hello from the container"), log);
    assertTrue(log.contains("REPORT RequestId: "), log);
    assertEquals(1, containers(name).size());

    // The same warm container answers again: module state survives, no second container.
    InvokeResponse second = invoke(lambda, name, "{}");
    assertEquals(2, JSON.readTree(text(second)).path("count").asInt());
    assertEquals(1, containers(name).size());
  }

  @Test
  void idleContainerIsReclaimedWhenAnotherStarts(LambdaClient lambda) {
    String a = "docker-idle-a-" + System.nanoTime();
    String b = "docker-idle-b-" + System.nanoTime();
    PythonZip.create(lambda, a);
    PythonZip.create(lambda, b);
    invoke(lambda, a, "{}");
    assertEquals(1, containers(a).size());
    invoke(lambda, b, "{}");
    assertEquals(List.of(), containers(a));
    assertEquals(1, containers(b).size());
  }

  @Test
  void layersAreMountedAtOpt(LambdaClient lambda) throws Exception {
    // A Python layer's modules live under python/, which the runtime puts on sys.path from /opt.
    String layerArn =
        lambda
            .publishLayerVersion(
                b ->
                    b.layerName("greeting-" + System.nanoTime())
                        .content(c -> c.zipFile(SdkBytes.fromByteArray(PythonZip.zip("python/greeting.py", "WORD = 'from a layer'\n")))))
            .layerVersionArn();
    String name = "docker-layer-" + System.nanoTime();
    lambda.createFunction(
        b ->
            b.functionName(name)
                .runtime(software.amazon.awssdk.services.lambda.model.Runtime.PYTHON3_12)
                .handler("app.handler")
                .role("arn:aws:iam::000000000000:role/lambda")
                .layers(layerArn)
                .code(
                    c ->
                        c.zipFile(
                            SdkBytes.fromByteArray(
                                PythonZip.zip(
                                    "app.py",
                                    "import greeting, os\n"
                                        + "def handler(event, context):\n"
                                        + "    return {'word': greeting.WORD, 'file': greeting.__file__}\n")))));
    try (var waiter = software.amazon.awssdk.services.lambda.waiters.LambdaWaiter.builder().client(lambda).build()) {
      waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
    }
    JsonNode body = JSON.readTree(text(invoke(lambda, name, "{}")));
    assertEquals("from a layer", body.path("word").asText(), body.toString());
    assertEquals("/opt/python/greeting.py", body.path("file").asText());
  }

  private static InvokeResponse invoke(LambdaClient lambda, String name, String payload) {
    InvokeResponse r = lambda.invoke(i -> i.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
    assertEquals(200, r.statusCode());
    return r;
  }

  private static String text(InvokeResponse r) {
    return r.payload().asUtf8String();
  }

  /** The running containers Fogbank started for a function, by their labels. */
  private static List<String> containers(String function) {
    String out = DockerEngine.output("ps", "-q", "--filter", "label=" + DockerLambdaExecutor.LABEL_FUNCTION + "=" + function);
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }
}
