package dev.fogbank.stepfunctions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Distributed Map reading its items from S3 (ItemReader) and exporting its results to S3 (ResultWriter). */
class DistributedMapS3IT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SfnClient sfn = fogbank.client(SfnClient.builder());
  private final S3Client s3 = fogbank.client(S3Client.builder()
      .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
  private final Workflows flows = new Workflows(sfn);

  private String bucket() {
    String name = Workflows.unique("items");
    s3.createBucket(b -> b.bucket(name));
    return name;
  }

  private void put(String bucket, String key, String body) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
  }

  private JsonNode object(String bucket, String key) throws Exception {
    return JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
  }

  /** A Distributed Map around the given ItemReader/ResultWriter fields, doubling each item's n. */
  private static String machine(String fields) {
    return """
        {'StartAt':'M','States':{'M':{'Type':'Map',FIELDS,
          'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},
            'StartAt':'D','States':{'D':{'Type':'Pass','Parameters':{'n.$':'States.MathAdd(States.StringToJson($.n), States.StringToJson($.n))'},'End':true}}},
          'End':true}}}
        """.replace("FIELDS", fields);
  }

  @Test
  void jsonArrayItemsAndResultsExportedWithAManifest() throws Exception {
    String bucket = bucket();
    put(bucket, "in/items.json", "[{\"n\":\"1\"},{\"n\":\"2\"},{\"n\":\"3\"}]");
    DescribeExecutionResponse d = flows.run(machine("""
        'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'JSON'},
          'Parameters':{'Bucket':'B','Key.$':'$.key'}},
        'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject','Parameters':{'Bucket':'B','Prefix':'out'}}
        """.replace("'B'", "'" + bucket + "'")), "{\"key\":\"in/items.json\"}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    JsonNode out = JSON.readTree(d.output());
    String mapRunArn = out.get("MapRunArn").asText();
    String runId = mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
    // With ResultWriter the state's result names the manifest: <Prefix>/<map run id>/manifest.json
    assertEquals(bucket, out.path("ResultWriterDetails").path("Bucket").asText());
    assertEquals("out/" + runId + "/manifest.json", out.path("ResultWriterDetails").path("Key").asText());
    assertEquals(mapRunArn, sfn.listMapRuns(b -> b.executionArn(d.executionArn())).mapRuns().get(0).mapRunArn());

    JsonNode manifest = object(bucket, "out/" + runId + "/manifest.json");
    assertEquals(bucket, manifest.get("DestinationBucket").asText());
    assertEquals(mapRunArn, manifest.get("MapRunArn").asText());
    assertEquals(0, manifest.path("ResultFiles").path("FAILED").size());
    assertEquals(0, manifest.path("ResultFiles").path("PENDING").size());
    JsonNode listed = manifest.path("ResultFiles").path("SUCCEEDED").get(0);
    String key = "out/" + runId + "/SUCCEEDED_0.json";
    assertEquals(key, listed.get("Key").asText());
    byte[] file = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    assertEquals(file.length, listed.get("Size").asInt());

    JsonNode results = JSON.readTree(file);
    assertEquals(3, results.size());
    List<Integer> doubled = new java.util.ArrayList<>();
    for (JsonNode r : results) {
      // Each entry: the child execution as DescribeExecution shows it (Transformation NONE)
      assertEquals("SUCCEEDED", r.get("Status").asText());
      assertTrue(r.get("ExecutionArn").asText().contains(":execution:"), r.toString());
      assertTrue(r.path("InputDetails").path("Included").asBoolean());
      assertEquals("NOT_REDRIVABLE", r.get("RedriveStatus").asText());
      assertTrue(r.get("StartDate").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), r.toString());
      doubled.add(JSON.readTree(r.get("Output").asText()).get("n").asInt());
    }
    doubled.sort(null);
    assertEquals(List.of(2, 4, 6), doubled);
    assertEquals(3, sfn.describeMapRun(b -> b.mapRunArn(mapRunArn)).itemCounts().resultsWritten());
  }

  @Test
  void jsonataReaderArgumentsAndJsonLines() throws Exception {
    String bucket = bucket();
    put(bucket, "lines.jsonl", "{\"n\":1}\n{\"n\":2}\n\n{\"n\":3}\n");
    DescribeExecutionResponse d = flows.run("""
        {'QueryLanguage':'JSONata','StartAt':'M','States':{'M':{'Type':'Map',
          'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'JSONL'},
            'Arguments':{'Bucket':'{% $states.input.bucket %}','Key':'{% $states.input.key %}'}},
          'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},
            'StartAt':'P','States':{'P':{'Type':'Pass','Output':'{% $states.input.n * 10 %}','End':true}}},
          'End':true}}}
        """, "{\"bucket\":\"" + bucket + "\",\"key\":\"lines.jsonl\"}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    assertEquals(JSON.readTree("[10,20,30]"), JSON.readTree(d.output()));
  }

  @Test
  void csvWithHeaderRowOrGivenHeadersAndMaxItems() throws Exception {
    String bucket = bucket();
    put(bucket, "rows.csv", "n,label\r\n1,\"one, the first\"\r\n2,\"say \"\"two\"\"\"\r\n");
    DescribeExecutionResponse first = flows.run(machine("""
        'ItemReader':{'Resource':'arn:aws:states:::s3:getObject',
          'ReaderConfig':{'InputType':'CSV','CSVHeaderLocation':'FIRST_ROW'},'Parameters':{'Bucket':'B','Key':'rows.csv'}},
        'ItemSelector':{'n.$':'$$.Map.Item.Value.n','label.$':'$$.Map.Item.Value.label'}
        """.replace("'B'", "'" + bucket + "'")), "{}");
    assertEquals(ExecutionStatus.SUCCEEDED, first.status(), first.cause());
    // Without ResultWriter the outputs come back in item order
    assertEquals(JSON.readTree("[{\"n\":2},{\"n\":4}]"), JSON.readTree(first.output()));

    put(bucket, "bare.csv", "5|x\n6|y\n7|z\n");
    DescribeExecutionResponse given = flows.run("""
        {'StartAt':'M','States':{'M':{'Type':'Map',
          'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','Parameters':{'Bucket':'B','Key':'bare.csv'},
            'ReaderConfig':{'InputType':'CSV','CSVHeaderLocation':'GIVEN','CSVHeaders':['n','tag'],'CSVDelimiter':'PIPE','MaxItems':2}},
          'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},
            'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},
          'End':true}}}
        """.replace("'B'", "'" + bucket + "'"), "{}");
    assertEquals(ExecutionStatus.SUCCEEDED, given.status(), given.cause());
    // CSV values stay strings; MaxItems reads the first two rows only
    assertEquals(JSON.readTree("[{\"n\":\"5\",\"tag\":\"x\"},{\"n\":\"6\",\"tag\":\"y\"}]"), JSON.readTree(given.output()));
  }

  @Test
  void objectListingGivesAnItemPerObject() throws Exception {
    String bucket = bucket();
    put(bucket, "photos/a.jpg", "aaaa");
    put(bucket, "photos/b.jpg", "bb");
    put(bucket, "other/c.jpg", "c");
    DescribeExecutionResponse d = flows.run("""
        {'StartAt':'M','States':{'M':{'Type':'Map',
          'ItemReader':{'Resource':'arn:aws:states:::s3:listObjectsV2','Parameters':{'Bucket':'B','Prefix':'photos/'}},
          'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'EXPRESS'},
            'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},
          'End':true}}}
        """.replace("'B'", "'" + bucket + "'"), "{}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    JsonNode items = JSON.readTree(d.output());
    assertEquals(2, items.size());
    // A listed object as Distributed Map passes it: Etag, Key, LastModified (epoch seconds), Size, StorageClass
    assertEquals("photos/a.jpg", items.get(0).get("Key").asText());
    assertEquals(4, items.get(0).get("Size").asInt());
    assertEquals("STANDARD", items.get(0).get("StorageClass").asText());
    assertTrue(items.get(0).get("Etag").asText().startsWith("\""));
    assertTrue(items.get(0).get("LastModified").isNumber());
    assertEquals("photos/b.jpg", items.get(1).get("Key").asText());
  }

  @Test
  void missingObjectFailsTheReaderAndFailuresAreExported() throws Exception {
    String bucket = bucket();
    DescribeExecutionResponse missing = flows.run(machine("""
        'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'JSON'},
          'Parameters':{'Bucket':'B','Key':'absent.json'}}
        """.replace("'B'", "'" + bucket + "'")), "{}");
    assertEquals(ExecutionStatus.FAILED, missing.status());
    assertEquals("States.ItemReaderFailed", missing.error());
    assertTrue(missing.cause().startsWith("The specified key does not exist. (Service: S3, Status Code: 404, "), missing.cause());
    assertTrue(flows.history(missing.executionArn()).stream().noneMatch(e -> e.type() == HistoryEventType.MAP_RUN_STARTED));

    put(bucket, "mixed.json", "[{\"n\":\"1\"},{\"n\":\"x\"},{\"n\":\"3\"}]");
    DescribeExecutionResponse d = flows.run(machine("""
        'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'JSON'},
          'Parameters':{'Bucket':'B','Key':'mixed.json'}},'ToleratedFailureCount':1,
        'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject','Parameters':{'Bucket':'B','Prefix':'runs/'},
          'WriterConfig':{'Transformation':'COMPACT','OutputType':'JSONL'}}
        """.replace("'B'", "'" + bucket + "'")), "{}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    String manifestKey = JSON.readTree(d.output()).path("ResultWriterDetails").path("Key").asText();
    assertTrue(manifestKey.startsWith("runs/") && !manifestKey.startsWith("runs//"), manifestKey);
    JsonNode files = object(bucket, manifestKey).get("ResultFiles");
    // COMPACT: the outputs alone, one JSON Lines entry each
    String succeeded = s3.getObjectAsBytes(b -> b.bucket(bucket).key(files.get("SUCCEEDED").get(0).get("Key").asText())).asUtf8String();
    List<String> lines = succeeded.lines().sorted().toList();
    assertEquals(List.of("{\"n\":2}", "{\"n\":6}"), lines);
    // a failed child is written whole, with its error, whatever the transformation
    JsonNode failed = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(files.get("FAILED").get(0).get("Key").asText()))
        .asUtf8String().trim());
    assertEquals("FAILED", failed.get("Status").asText());
    assertEquals("States.IntrinsicFailure", failed.get("Error").asText());
  }

  @Test
  void failedRunStillExportsItsResultsAndANonArrayIsNoItemList() throws Exception {
    String bucket = bucket();
    put(bucket, "bad.json", "[{\"n\":\"x\"}]");
    DescribeExecutionResponse d = flows.run(machine("""
        'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'JSON'},
          'Parameters':{'Bucket':'B','Key':'bad.json'}},
        'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject','Parameters':{'Bucket':'B','Prefix':'failed'}}
        """.replace("'B'", "'" + bucket + "'")), "{}");
    assertEquals(ExecutionStatus.FAILED, d.status());
    assertEquals("States.ExceedToleratedFailureThreshold", d.error());
    // ResultWriter wrote the run's results before the state failed
    List<String> keys = s3.listObjectsV2(b -> b.bucket(bucket).prefix("failed/")).contents().stream()
        .map(o -> o.key().substring(o.key().lastIndexOf('/') + 1)).sorted().toList();
    assertEquals(List.of("FAILED_0.json", "manifest.json"), keys);

    put(bucket, "object.json", "{\"items\":[1,2]}");
    DescribeExecutionResponse notArray = flows.run(machine("""
        'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'JSON'},
          'Parameters':{'Bucket':'B','Key':'object.json'}}
        """.replace("'B'", "'" + bucket + "'")), "{}");
    assertEquals(ExecutionStatus.FAILED, notArray.status());
    assertEquals("States.ItemReaderFailed", notArray.error());
  }
}
