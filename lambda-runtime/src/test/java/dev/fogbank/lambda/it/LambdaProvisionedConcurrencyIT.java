package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Provisioned concurrency: environments pre-started, READY, warm on the first invocation. */
class LambdaProvisionedConcurrencyIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());

  /** Counts invocations per environment: a warm environment keeps its module state. */
  private static final String COUNTER =
      """
      count = 0
      def handler(event, context):
          global count
          count += 1
          return count
      """;

  private String pythonFunction() {
    String name = Functions.uniqueName("pc");
    Functions.create(lambda, name, Runtime.PYTHON3_11, "app.handler", Packages.zip("app.py", COUNTER), b -> {});
    return name;
  }

  private GetProvisionedConcurrencyConfigResponse awaitSettled(String name, String qualifier) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      GetProvisionedConcurrencyConfigResponse r =
          lambda.getProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier(qualifier));
      if (r.status() != ProvisionedConcurrencyStatusEnum.IN_PROGRESS || System.nanoTime() > deadline) {
        return r;
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void versionBecomesReadyAndItsFirstInvocationIsWarm() {
    String name = pythonFunction();
    String version = lambda.publishVersion(b -> b.functionName(name)).version();

    PutProvisionedConcurrencyConfigResponse put =
        lambda.putProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier(version).provisionedConcurrentExecutions(2));
    // Put answers before the environments exist (AWS: Status IN_PROGRESS, nothing allocated yet).
    assertEquals(ProvisionedConcurrencyStatusEnum.IN_PROGRESS, put.status());
    assertEquals(2, put.requestedProvisionedConcurrentExecutions());
    assertEquals(0, put.allocatedProvisionedConcurrentExecutions());

    GetProvisionedConcurrencyConfigResponse ready = awaitSettled(name, version);
    assertEquals(ProvisionedConcurrencyStatusEnum.READY, ready.status());
    assertEquals(2, ready.allocatedProvisionedConcurrentExecutions());
    assertEquals(2, ready.availableProvisionedConcurrentExecutions());
    assertEquals(2, ready.requestedProvisionedConcurrentExecutions());

    InvokeResponse first = lambda.invoke(b -> b.functionName(name).qualifier(version).logType(LogType.TAIL));
    assertEquals("1", Functions.text(first));
    String log = Functions.log(first);
    assertTrue(log.contains("REPORT RequestId:"), log);
    // A provisioned environment did its init before the invocation: no Init Duration in REPORT.
    assertFalse(log.contains("Init Duration"), log);

    // $LATEST has no provisioned environment: its first invocation is a cold start.
    InvokeResponse latest = lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL));
    assertTrue(Functions.log(latest).contains("Init Duration"), Functions.log(latest));
  }

  @Test
  void latestIsRejected() {
    String name = pythonFunction();
    InvalidParameterValueException put =
        assertThrows(
            InvalidParameterValueException.class,
            () -> lambda.putProvisionedConcurrencyConfig(
                b -> b.functionName(name).qualifier("$LATEST").provisionedConcurrentExecutions(1)));
    // Lambda's message for provisioned concurrency on $LATEST.
    assertEquals(
        "Provisioned Concurrency Configs cannot be applied to unpublished function versions.",
        put.awsErrorDetails().errorMessage());
    assertEquals(400, put.statusCode());
    InvalidParameterValueException get =
        assertThrows(
            InvalidParameterValueException.class,
            () -> lambda.getProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier("$LATEST")));
    assertEquals("The function resource provided must be an alias or a published version.", get.awsErrorDetails().errorMessage());
  }

  @Test
  void missingConfigIsNotFound() {
    String name = pythonFunction();
    String version = lambda.publishVersion(b -> b.functionName(name)).version();
    ProvisionedConcurrencyConfigNotFoundException e =
        assertThrows(
            ProvisionedConcurrencyConfigNotFoundException.class,
            () -> lambda.getProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier(version)));
    assertEquals(404, e.statusCode());
    assertEquals("No Provisioned Concurrency Config found for this function", e.awsErrorDetails().errorMessage());
    assertThrows(
        ProvisionedConcurrencyConfigNotFoundException.class,
        () -> lambda.deleteProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier(version)));
  }

  @Test
  void listAliasAndDelete() {
    String name = pythonFunction();
    String v1 = lambda.publishVersion(b -> b.functionName(name)).version();
    lambda.updateFunctionConfiguration(b -> b.functionName(name).description("second"));
    Functions.waitUpdated(lambda, name);
    String v2 = lambda.publishVersion(b -> b.functionName(name)).version();
    lambda.createAlias(b -> b.functionName(name).name("live").functionVersion(v2));
    lambda.createAlias(b -> b.functionName(name).name("old").functionVersion(v1));

    lambda.putProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier(v1).provisionedConcurrentExecutions(1));
    lambda.putProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier("live").provisionedConcurrentExecutions(1));
    assertEquals(ProvisionedConcurrencyStatusEnum.READY, awaitSettled(name, v1).status());
    assertEquals(ProvisionedConcurrencyStatusEnum.READY, awaitSettled(name, "live").status());

    // An alias on a version that already has its own config conflicts (ResourceConflictException 409).
    ResourceConflictException conflict =
        assertThrows(
            ResourceConflictException.class,
            () -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier("old").provisionedConcurrentExecutions(1)));
    assertEquals(409, conflict.statusCode());

    InvokeResponse viaAlias = lambda.invoke(b -> b.functionName(name).qualifier("live").logType(LogType.TAIL));
    assertEquals(v2, viaAlias.executedVersion());
    assertFalse(Functions.log(viaAlias).contains("Init Duration"), Functions.log(viaAlias));

    List<ProvisionedConcurrencyConfigListItem> items =
        lambda.listProvisionedConcurrencyConfigs(b -> b.functionName(name)).provisionedConcurrencyConfigs();
    String arn = lambda.getFunction(b -> b.functionName(name)).configuration().functionArn();
    assertEquals(
        Map.of(arn + ":" + v1, 1, arn + ":live", 1),
        Map.of(
            items.get(0).functionArn(), items.get(0).allocatedProvisionedConcurrentExecutions(),
            items.get(1).functionArn(), items.get(1).allocatedProvisionedConcurrentExecutions()));
    assertEquals(2, items.size());

    lambda.deleteProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier(v1));
    assertThrows(
        ProvisionedConcurrencyConfigNotFoundException.class,
        () -> lambda.getProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier(v1)));
    assertEquals(1, lambda.listProvisionedConcurrencyConfigs(b -> b.functionName(name)).provisionedConcurrencyConfigs().size());
    // The environments went with the config: the next invocation of v1 starts cold.
    InvokeResponse cold = lambda.invoke(b -> b.functionName(name).qualifier(v1).logType(LogType.TAIL));
    assertTrue(Functions.log(cold).contains("Init Duration"), Functions.log(cold));
  }

  @Test
  void provisionedConcurrencyCountsAgainstReservedAndAccountConcurrency() {
    String name = pythonFunction();
    String version = lambda.publishVersion(b -> b.functionName(name)).version();
    int unreserved = lambda.getAccountSettings(b -> {}).accountLimit().unreservedConcurrentExecutions();

    // Lambda keeps at least 100 of the account's concurrency unreserved.
    InvalidParameterValueException account =
        assertThrows(
            InvalidParameterValueException.class,
            () -> lambda.putProvisionedConcurrencyConfig(
                b -> b.functionName(name).qualifier(version).provisionedConcurrentExecutions(unreserved - 99)));
    assertTrue(account.awsErrorDetails().errorMessage().contains("[100]"), account.awsErrorDetails().errorMessage());

    lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(1));
    InvalidParameterValueException reserved =
        assertThrows(
            InvalidParameterValueException.class,
            () -> lambda.putProvisionedConcurrencyConfig(
                b -> b.functionName(name).qualifier(version).provisionedConcurrentExecutions(2)));
    assertTrue(reserved.awsErrorDetails().errorMessage().contains("reservedConcurrentExecution"), reserved.awsErrorDetails().errorMessage());

    lambda.deleteFunctionConcurrency(b -> b.functionName(name));
    lambda.putProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier(version).provisionedConcurrentExecutions(1));
    // Without a reservation, provisioned concurrency comes out of the unreserved pool.
    assertEquals(unreserved - 1, lambda.getAccountSettings(b -> {}).accountLimit().unreservedConcurrentExecutions());
    awaitSettled(name, version);
    lambda.deleteProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier(version));
    assertEquals(unreserved, lambda.getAccountSettings(b -> {}).accountLimit().unreservedConcurrentExecutions());
  }
}
