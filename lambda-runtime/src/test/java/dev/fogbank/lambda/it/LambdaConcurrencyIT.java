package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Reserved concurrency and throttling, layers, asynchronous invocation. */
class LambdaConcurrencyIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());

  /** Waits, inside the function, until the test creates the release file; says when it started. */
  private static final String GATED =
      """
      import os, time
      def handler(event, context):
          open(event["started"], "w").close()
          while not os.path.exists(event["release"]):
              time.sleep(0.01)
          return "released"
      """;

  @Test
  void reservedConcurrencyOfOneThrottlesTheSecondConcurrentInvocation() throws Exception {
    String name = Functions.uniqueName("gate");
    Functions.create(lambda, name, Runtime.PYTHON3_11, "app.handler", Packages.zip("app.py", GATED), b -> b.timeout(60));
    assertEquals(1, lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(1)).reservedConcurrentExecutions());
    Path dir = Files.createTempDirectory("gate");
    Path started = dir.resolve("started");
    Path release = dir.resolve("release");
    String event = "{\"started\":\"" + started + "\",\"release\":\"" + release + "\"}";
    CompletableFuture<InvokeResponse> first =
        CompletableFuture.supplyAsync(() -> lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(event))));
    while (!Files.exists(started)) {
      assertTrue(!first.isDone(), "the first invocation ended early");
      Thread.onSpinWait();
    }
    TooManyRequestsException e =
        assertThrows(TooManyRequestsException.class, () -> lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(event))));
    assertEquals(429, e.statusCode());
    // Lambda's Reason for a function at its reserved concurrency.
    assertEquals("ReservedFunctionConcurrentInvocationLimitExceeded", e.reasonAsString());
    Files.createFile(release);
    assertEquals("\"released\"", Functions.text(first.get(60, TimeUnit.SECONDS)));
  }

  @Test
  void reservedConcurrencyOfZeroThrottlesEveryInvocation() {
    String name = Functions.uniqueName("zero");
    Functions.create(lambda, name, Runtime.PYTHON3_11, "app.handler", Packages.zip("app.py", "def handler(e, c):\n    return 1\n"), b -> {});
    lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(0));
    assertThrows(TooManyRequestsException.class, () -> lambda.invoke(b -> b.functionName(name)));
    lambda.deleteFunctionConcurrency(b -> b.functionName(name));
    assertEquals("1", Functions.text(lambda.invoke(b -> b.functionName(name))));
  }

  @Test
  void reservationsKeepOneHundredUnreserved() {
    String name = Functions.uniqueName("big");
    Functions.create(lambda, name, Runtime.PYTHON3_11, "app.handler", Packages.zip("app.py", "def handler(e, c):\n    return 1\n"), b -> {});
    InvalidParameterValueException e =
        assertThrows(InvalidParameterValueException.class, () -> lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(901)));
    assertTrue(e.awsErrorDetails().errorMessage().contains("below its minimum value of [100]"));
    lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(50));
    GetAccountSettingsResponse settings = lambda.getAccountSettings(b -> {});
    assertEquals(1000, settings.accountLimit().concurrentExecutions());
    assertTrue(settings.accountLimit().unreservedConcurrentExecutions() <= 950);
    lambda.deleteFunctionConcurrency(b -> b.functionName(name));
  }

  @Test
  void layersAreUnpackedForTheRuntime() {
    String layerArn =
        lambda.publishLayerVersion(b -> b.layerName(Functions.uniqueName("shared"))
            .content(c -> c.zipFile(Packages.zip("python/shared_lib.py", "WORD = 'from a layer'\n")))
            .compatibleRuntimes(Runtime.PYTHON3_11)).layerVersionArn();
    assertTrue(layerArn.matches("arn:aws:lambda:us-east-1:000000000000:layer:shared-[0-9a-f]+:1"), layerArn);
    String name = Functions.uniqueName("layered");
    Functions.create(
        lambda, name, Runtime.PYTHON3_11, "app.handler",
        Packages.zip("app.py", "import os, shared_lib\ndef handler(e, c):\n    return shared_lib.WORD\n"),
        b -> b.layers(layerArn).timeout(30));
    assertEquals("\"from a layer\"", Functions.text(lambda.invoke(b -> b.functionName(name))));
    assertEquals(layerArn, lambda.getFunctionConfiguration(b -> b.functionName(name)).layers().get(0).arn());
    InvalidParameterValueException tooMany =
        assertThrows(InvalidParameterValueException.class,
            () -> lambda.updateFunctionConfiguration(b -> b.functionName(name).layers(layerArn, layerArn, layerArn, layerArn, layerArn, layerArn)));
    assertEquals("Cannot reference more than 5 layers.", tooMany.awsErrorDetails().errorMessage());
  }

  @Test
  void eventInvocationIsAcceptedAndRunsInTheBackground() throws Exception {
    String name = Functions.uniqueName("event");
    Functions.create(lambda, name, Runtime.PYTHON3_11, "app.handler",
        Packages.zip("app.py", "def handler(e, c):\n    open(e['path'], 'w').write('ran')\n"), b -> b.timeout(30));
    Path marker = Files.createTempDirectory("event").resolve("ran");
    InvokeResponse r =
        lambda.invoke(b -> b.functionName(name).invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{\"path\":\"" + marker + "\"}")));
    assertEquals(202, r.statusCode());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(marker) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(Files.exists(marker));
    assertEquals(204, lambda.invoke(b -> b.functionName(name).invocationType(InvocationType.DRY_RUN)).statusCode());
  }

  @Test
  void eventInvokeConfigIsStoredAndValidated() {
    String name = Functions.uniqueName("eic");
    Functions.create(lambda, name, Runtime.PYTHON3_11, "app.handler", Packages.zip("app.py", "def handler(e, c):\n    return 1\n"), b -> {});
    var put = lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumRetryAttempts(1).maximumEventAgeInSeconds(120));
    assertEquals(1, put.maximumRetryAttempts());
    assertEquals(120, lambda.getFunctionEventInvokeConfig(b -> b.functionName(name)).maximumEventAgeInSeconds());
    var e = assertThrows(software.amazon.awssdk.services.lambda.model.LambdaException.class,
        () -> lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumRetryAttempts(3)));
    assertEquals(400, e.statusCode());
    lambda.deleteFunctionEventInvokeConfig(b -> b.functionName(name));
    assertThrows(software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.class,
        () -> lambda.getFunctionEventInvokeConfig(b -> b.functionName(name)));
  }

  @Test
  void functionUrlConfigLifecycle() {
    String name = Functions.uniqueName("url");
    Functions.create(lambda, name, Runtime.PYTHON3_11, "app.handler", Packages.zip("app.py", "def handler(e, c):\n    return 1\n"), b -> {});
    var created = lambda.createFunctionUrlConfig(b -> b.functionName(name).authType("NONE").cors(c -> c.allowOrigins("*")));
    assertTrue(created.functionUrl().matches("http://[a-z0-9]{32}\\.lambda-url\\.us-east-1\\.localhost:\\d+/"), created.functionUrl());
    assertThrows(software.amazon.awssdk.services.lambda.model.ResourceConflictException.class,
        () -> lambda.createFunctionUrlConfig(b -> b.functionName(name).authType("NONE")));
    assertEquals("AWS_IAM", lambda.updateFunctionUrlConfig(b -> b.functionName(name).authType("AWS_IAM")).authTypeAsString());
    assertEquals(1, lambda.listFunctionUrlConfigs(b -> b.functionName(name)).functionUrlConfigs().size());
    lambda.deleteFunctionUrlConfig(b -> b.functionName(name));
    assertThrows(software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.class,
        () -> lambda.getFunctionUrlConfig(b -> b.functionName(name)));
  }
}
