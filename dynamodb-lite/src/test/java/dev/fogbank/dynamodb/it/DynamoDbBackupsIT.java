package dev.fogbank.dynamodb.it;

import static dev.fogbank.dynamodb.it.Tables.def;
import static dev.fogbank.dynamodb.it.Tables.key;
import static dev.fogbank.dynamodb.it.Tables.n;
import static dev.fogbank.dynamodb.it.Tables.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.testkit.FogbankExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BackupNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.BackupStatus;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;

/** On-demand backups, restore, point-in-time-recovery settings and SSE through the AWS SDK v2. */
class DynamoDbBackupsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final DynamoDbClient ddb = fogbank.client(DynamoDbClient.builder());

  @Test
  void backupAndRestoreASnapshotOfTheTable() {
    String t = Tables.unique("bk");
    ddb.createTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH))
        .sseSpecification(s -> s.enabled(true)));
    ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", n(1))));
    var details = ddb.createBackup(b -> b.tableName(t).backupName("nightly")).backupDetails();
    assertEquals(BackupStatus.AVAILABLE, details.backupStatus());
    ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("b"))));

    var described = ddb.describeBackup(b -> b.backupArn(details.backupArn())).backupDescription();
    assertEquals(1L, described.sourceTableDetails().itemCount());
    assertEquals(t, described.sourceTableDetails().tableName());
    assertEquals(1, ddb.listBackups(b -> b.tableName(t)).backupSummaries().size());

    String restored = t + "-restored";
    var table = ddb.restoreTableFromBackup(b -> b.backupArn(details.backupArn()).targetTableName(restored)).tableDescription();
    assertEquals(details.backupArn(), table.restoreSummary().sourceBackupArn());
    assertEquals(SSEStatus.ENABLED, table.sseDescription().status());
    assertEquals(1, ddb.scan(b -> b.tableName(restored)).count(), "the restored table holds the items at backup time");
    assertThrows(TableAlreadyExistsException.class,
        () -> ddb.restoreTableFromBackup(b -> b.backupArn(details.backupArn()).targetTableName(restored)));

    ddb.deleteBackup(b -> b.backupArn(details.backupArn()));
    assertThrows(BackupNotFoundException.class, () -> ddb.describeBackup(b -> b.backupArn(details.backupArn())));
    TableNotFoundException missing = assertThrows(TableNotFoundException.class,
        () -> ddb.createBackup(b -> b.tableName("no-such-table").backupName("weekly")));
    // AWS: "Table not found: <name>"
    assertEquals("Table not found: no-such-table", missing.awsErrorDetails().errorMessage());
  }

  @Test
  void pointInTimeRecoverySetting() {
    String t = Tables.create(ddb, "pitr", null);
    assertEquals(PointInTimeRecoveryStatus.DISABLED, ddb.describeContinuousBackups(b -> b.tableName(t))
        .continuousBackupsDescription().pointInTimeRecoveryDescription().pointInTimeRecoveryStatus());
    ddb.updateContinuousBackups(b -> b.tableName(t).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
    var pitr = ddb.describeContinuousBackups(b -> b.tableName(t)).continuousBackupsDescription().pointInTimeRecoveryDescription();
    assertEquals(PointInTimeRecoveryStatus.ENABLED, pitr.pointInTimeRecoveryStatus());
    assertFalse(pitr.latestRestorableDateTime().isBefore(pitr.earliestRestorableDateTime()));
  }
}
