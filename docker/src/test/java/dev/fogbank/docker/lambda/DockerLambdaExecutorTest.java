package dev.fogbank.docker.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.lambda.function.FunctionVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerLambdaExecutorTest {

  private static FunctionVersion version(String packageType, String runtime) {
    ObjectNode config = Json.object();
    config.put("FunctionName", "f");
    config.put("PackageType", packageType);
    if (runtime != null) {
      config.put("Runtime", runtime);
    }
    return new FunctionVersion("$LATEST", config, null, List.of());
  }

  @Test
  void imageFunctionsAlwaysZipFunctionsOnlyWhenAskedFor() {
    DockerLambdaExecutor executor = new DockerLambdaExecutor();
    EmulatorConfig plain = EmulatorConfig.defaults();
    EmulatorConfig docker = plain.withSettings(Map.of("lambda.executor", "docker"));
    assertTrue(executor.runs(version("Image", null), plain));
    assertTrue(executor.runs(version("Zip", "python3.12"), docker));
    // Unless FOGBANK_LAMBDA_EXECUTOR says docker in this environment, zip functions stay local.
    assertEquals(
        "docker".equalsIgnoreCase(String.valueOf(System.getenv("FOGBANK_LAMBDA_EXECUTOR")).trim()),
        executor.runs(version("Zip", "python3.12"), plain));
    assertFalse(executor.runs(version("Zip", "python3.12"), plain.withSettings(Map.of("lambda.executor", "local"))));
  }

  @Test
  void zipFunctionsRunInTheAwsBaseImageOfTheirRuntime() {
    // The AWS base image repositories and tags, as published on public.ecr.aws/lambda.
    assertEquals("public.ecr.aws/lambda/python:3.12", DockerLambdaExecutor.awsBaseImage("python3.12"));
    assertEquals("public.ecr.aws/lambda/nodejs:20", DockerLambdaExecutor.awsBaseImage("nodejs20.x"));
    assertEquals("public.ecr.aws/lambda/java:21", DockerLambdaExecutor.awsBaseImage("java21"));
    assertEquals("public.ecr.aws/lambda/java:8.al2", DockerLambdaExecutor.awsBaseImage("java8.al2"));
    assertEquals("public.ecr.aws/lambda/provided:al2023", DockerLambdaExecutor.awsBaseImage("provided.al2023"));
    assertEquals("public.ecr.aws/lambda/ruby:3.3", DockerLambdaExecutor.awsBaseImage("ruby3.3"));
  }

  @Test
  void aConfiguredImageWinsAndImageFunctionsUseTheirOwn() {
    EmulatorConfig config = EmulatorConfig.defaults().withSettings(Map.of("lambda.docker.image.python3.12", "my/python:local"));
    assertEquals("my/python:local", DockerLambdaExecutor.image(version("Zip", "python3.12"), config));
    FunctionVersion image = version("Image", null);
    image.configuration().put("ImageUri", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1");
    assertEquals("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", DockerLambdaExecutor.image(image, config));
  }
}
