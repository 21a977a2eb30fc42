package dev.fogbank.stepfunctions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineAliasListItem;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** State machine aliases through the AWS SDK for Java v2: lifecycle, routing and executions on an alias. */
class AliasIT {

  private static final String ROLE = "arn:aws:iam::000000000000:role/sfn";

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final SfnClient sfn = fogbank.client(SfnClient.builder());

  private static String def(String value) {
    return "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Result\":\"" + value + "\",\"End\":true}}}";
  }

  private static RoutingConfigurationListItem route(String versionArn, int weight) {
    return RoutingConfigurationListItem.builder().stateMachineVersionArn(versionArn).weight(weight).build();
  }

  /** A machine with two published versions; returns {machineArn, v1, v2}. */
  private String[] machineWithTwoVersions() {
    var created = sfn.createStateMachine(b -> b.name("m-" + UUID.randomUUID().toString().substring(0, 8))
        .definition(def("one")).roleArn(ROLE).publish(true));
    String v2 = sfn.updateStateMachine(b -> b.stateMachineArn(created.stateMachineArn()).definition(def("two"))
        .publish(true)).stateMachineVersionArn();
    return new String[] {created.stateMachineArn(), created.stateMachineVersionArn(), v2};
  }

  private DescribeExecutionResponse awaitEnd(String arn) {
    for (int i = 0; i < 4000; i++) {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(arn));
      if (d.status() != ExecutionStatus.RUNNING) {
        return d;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("execution did not end");
  }

  @Test
  void lifecycleCreateDescribeUpdateListDelete() {
    String[] m = machineWithTwoVersions();
    var created = sfn.createStateMachineAlias(b -> b.name("live").description("prod")
        .routingConfiguration(route(m[1], 100)));
    // The alias ARN is the state machine ARN qualified with the alias name
    assertEquals(m[0] + ":live", created.stateMachineAliasArn());
    // Same name, description and routing: idempotent
    assertEquals(created.stateMachineAliasArn(), sfn.createStateMachineAlias(b -> b.name("live").description("prod")
        .routingConfiguration(route(m[1], 100))).stateMachineAliasArn());
    var conflict = assertThrows(ConflictException.class, () -> sfn.createStateMachineAlias(b -> b.name("live")
        .description("prod").routingConfiguration(route(m[2], 100))));
    assertTrue(conflict.getMessage().startsWith("Failed to create alias because an alias with the same name and a "
        + "different routing configuration already exists."));

    var d = sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(created.stateMachineAliasArn()));
    assertEquals("live", d.name());
    assertEquals("prod", d.description());
    assertEquals(List.of(route(m[1], 100)), d.routingConfiguration());

    sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(created.stateMachineAliasArn())
        .routingConfiguration(route(m[1], 50), route(m[2], 50)));
    d = sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(created.stateMachineAliasArn()));
    assertEquals(List.of(route(m[1], 50), route(m[2], 50)), d.routingConfiguration());
    assertEquals("prod", d.description());

    sfn.createStateMachineAlias(b -> b.name("beta").routingConfiguration(route(m[2], 100)));
    assertEquals(List.of(m[0] + ":live", m[0] + ":beta"), sfn.listStateMachineAliases(b -> b.stateMachineArn(m[0]))
        .stateMachineAliases().stream().map(StateMachineAliasListItem::stateMachineAliasArn).toList());

    // A version an alias routes to cannot be deleted (message as AWS words it)
    var inUse = assertThrows(ConflictException.class,
        () -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(m[2])));
    assertTrue(inUse.getMessage().startsWith("Version to be deleted must not be referenced by an alias. Current list "
        + "of aliases referencing this version: [live, beta]"), inUse.getMessage());

    sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(m[0] + ":beta"));
    // Deleting an alias that is gone succeeds, as on AWS
    sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(m[0] + ":beta"));
    assertEquals(1, sfn.listStateMachineAliases(b -> b.stateMachineArn(m[0])).stateMachineAliases().size());
    var missing = assertThrows(ResourceNotFoundException.class,
        () -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(m[0] + ":beta")));
    assertTrue(missing.getMessage().startsWith("Request references a resource that does not exist."));
    assertThrows(ResourceNotFoundException.class, () -> sfn.updateStateMachineAlias(b -> b
        .stateMachineAliasArn(m[0] + ":beta").description("x")));
  }

  @Test
  void invalidRoutingConfigurations() {
    String[] m = machineWithTwoVersions();
    // Messages from AWS's recorded responses to CreateStateMachineAlias
    var sum = assertThrows(ValidationException.class, () -> sfn.createStateMachineAlias(b -> b.name("a")
        .routingConfiguration(route(m[1], 70), route(m[2], 29))));
    assertTrue(sum.getMessage().startsWith("Sum of routing configuration weights must equal 100. Received: [70, 29]"));
    var dup = assertThrows(ValidationException.class, () -> sfn.createStateMachineAlias(b -> b.name("a")
        .routingConfiguration(route(m[1], 50), route(m[1], 50))));
    assertTrue(dup.getMessage().startsWith("Routing configuration must contain distinct state machine version ARNs."));
    var unversioned = assertThrows(ValidationException.class, () -> sfn.createStateMachineAlias(b -> b.name("a")
        .routingConfiguration(route(m[0], 100))));
    assertTrue(unversioned.getMessage().startsWith(
        "Routing configuration must contain state machine version ARNs. Received: [" + m[0] + "]"));
    // The name pattern of the model: at least one non-digit
    assertThrows(ValidationException.class, () -> sfn.createStateMachineAlias(b -> b.name("123")
        .routingConfiguration(route(m[1], 100))));
  }

  @Test
  void executionsOnAnAliasRunTheRoutedVersions() {
    String[] m = machineWithTwoVersions();
    String alias = sfn.createStateMachineAlias(b -> b.name("canary")
        .routingConfiguration(route(m[1], 50), route(m[2], 50))).stateMachineAliasArn();
    Set<String> outputs = new HashSet<>();
    Set<String> versions = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      String arn = sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
      DescribeExecutionResponse d = awaitEnd(arn);
      assertEquals(alias, d.stateMachineAliasArn());
      assertEquals(m[0], d.stateMachineArn());
      outputs.add(d.output());
      versions.add(d.stateMachineVersionArn());
      // the executed version's definition is the one its output comes from
      assertEquals(d.stateMachineVersionArn().equals(m[1]) ? "\"one\"" : "\"two\"", d.output());
      HistoryEvent started = sfn.getExecutionHistory(b -> b.executionArn(arn)).events().get(0);
      assertEquals(alias, started.executionStartedEventDetails().stateMachineAliasArn());
    }
    // 40 draws at 50/50 hit both versions (the chance of missing one is 2 × 2^-40)
    assertEquals(Set.of("\"one\"", "\"two\""), outputs);
    assertEquals(Set.of(m[1], m[2]), versions);

    sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(alias).routingConfiguration(route(m[2], 100)));
    String arn = sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
    assertEquals("\"two\"", awaitEnd(arn).output());
  }
}
