package dev.fogbank.docker.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * With the Docker executor asked for and no engine to reach (here: a docker client that does not
 * exist), an invocation fails at once with an error that says so, instead of hanging.
 */
@FogbankTest(
    services = "lambda",
    settings = {"lambda.executor=docker", "lambda.docker.cli=/nonexistent/docker"})
class NoDockerEngineIT {

  @Test
  void invokeSaysNoDockerEngineAnswers(LambdaClient lambda) throws Exception {
    String name = "no-engine-" + System.nanoTime();
    PythonZip.create(lambda, name);
    InvokeResponse r = lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("{}")));
    // The Lambda engine reports an environment that could not start as a function error.
    assertEquals(200, r.statusCode());
    assertEquals("Unhandled", r.functionError());
    JsonNode error = new ObjectMapper().readTree(r.payload().asUtf8String());
    assertEquals("Runtime.InvalidEntrypoint", error.path("errorType").asText());
    assertTrue(error.path("errorMessage").asText().contains("no Docker engine answers"), error.toString());
  }
}
