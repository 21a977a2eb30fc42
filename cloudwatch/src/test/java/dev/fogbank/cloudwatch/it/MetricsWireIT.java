package dev.fogbank.cloudwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CloudWatch's two wire protocols byte for byte: Smithy RPC v2 CBOR (headers, tag-1 timestamps,
 * error bodies) and the query protocol the AWS CLI sends.
 */
class MetricsWireIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper CBOR = new CBORMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<byte[]> cbor(String operation, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(fogbank.endpoint() + "/service/GraniteServiceVersion20100801/operation/" + operation))
        .header("smithy-protocol", "rpc-v2-cbor")
        .header("Content-Type", "application/cbor")
        .header("Accept", "application/cbor")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> query(String form) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(fogbank.endpoint() + "/"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=x")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void rpcV2CborAnswersWithTheProtocolHeaderAndTaggedTimestamps() throws Exception {
    long now = fogbank.fogbank().now().getEpochSecond() / 60 * 60;
    var put = CBOR.createObjectNode().put("Namespace", "Wire");
    put.putArray("MetricData").addObject().put("MetricName", "M").put("Value", 2.5).put("Timestamp", now - 60);
    HttpResponse<byte[]> ok = cbor("PutMetricData", CBOR.writeValueAsBytes(put));
    assertEquals(200, ok.statusCode());
    assertEquals("rpc-v2-cbor", ok.headers().firstValue("smithy-protocol").orElse(null));
    assertEquals("application/cbor", ok.headers().firstValue("Content-Type").orElse(null));

    var get = CBOR.createObjectNode().put("Namespace", "Wire").put("MetricName", "M")
        .put("StartTime", now - 120).put("EndTime", now).put("Period", 60);
    get.putArray("Statistics").add("Sum");
    HttpResponse<byte[]> stats = cbor("GetMetricStatistics", CBOR.writeValueAsBytes(get));
    assertEquals(200, stats.statusCode());
    // Timestamps travel as CBOR tag 1 (epoch seconds): major type 6, value 1 = 0xC1.
    byte[] body = stats.body();
    boolean tagged = false;
    for (byte b : body) {
      tagged |= (b & 0xFF) == 0xC1;
    }
    assertTrue(tagged);
    JsonNode tree = CBOR.readTree(body);
    assertEquals(2.5, tree.path("Datapoints").get(0).path("Sum").asDouble());
    assertEquals(now - 60, tree.path("Datapoints").get(0).path("Timestamp").asLong());

    HttpResponse<byte[]> missing = cbor("SetAlarmState", CBOR.writeValueAsBytes(CBOR.createObjectNode()
        .put("AlarmName", "none").put("StateValue", "OK").put("StateReason", "r")));
    assertEquals(404, missing.statusCode());
    JsonNode error = CBOR.readTree(missing.body());
    assertEquals("ResourceNotFound", error.path("__type").asText());
    assertEquals("Alarm none not found", error.path("message").asText());
    assertEquals("ResourceNotFound;Sender", missing.headers().firstValue("x-amzn-query-error").orElse(null));
  }

  @Test
  void queryProtocolServesTheCli() throws Exception {
    Instant t = Instant.ofEpochSecond(fogbank.fogbank().now().getEpochSecond() / 60 * 60 - 60);
    HttpResponse<String> put = query("Action=PutMetricData&Version=2010-08-01&Namespace=Cli"
        + "&MetricData.member.1.MetricName=Hits&MetricData.member.1.Value=3&MetricData.member.1.Unit=Count"
        + "&MetricData.member.1.Timestamp=" + t);
    assertEquals(200, put.statusCode(), put.body());
    assertTrue(put.body().contains("<PutMetricDataResponse"), put.body());
    HttpResponse<String> get = query("Action=GetMetricStatistics&Version=2010-08-01&Namespace=Cli&MetricName=Hits"
        + "&StartTime=" + t + "&EndTime=" + t.plusSeconds(60) + "&Period=60&Statistics.member.1=Sum");
    assertEquals(200, get.statusCode(), get.body());
    assertTrue(get.body().contains("<Sum>3.0</Sum>"), get.body());
    assertTrue(get.body().contains("<Unit>Count</Unit>"), get.body());
    // A gzip-compressed form body, as SDKs send a large PutMetricData (requestCompression trait).
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(zipped)) {
      gz.write(("Action=PutMetricData&Version=2010-08-01&Namespace=Cli&MetricData.member.1.MetricName=Hits"
          + "&MetricData.member.1.Value=5&MetricData.member.1.Unit=Count&MetricData.member.1.Timestamp=" + t).getBytes());
    }
    HttpResponse<String> compressed = http.send(HttpRequest.newBuilder(URI.create(fogbank.endpoint() + "/"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Content-Encoding", "gzip")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=x")
        .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, compressed.statusCode(), compressed.body());
    HttpResponse<String> again = query("Action=GetMetricStatistics&Version=2010-08-01&Namespace=Cli&MetricName=Hits"
        + "&StartTime=" + t + "&EndTime=" + t.plusSeconds(60) + "&Period=60&Statistics.member.1=Sum");
    assertTrue(again.body().contains("<Sum>8.0</Sum>"), again.body());
    HttpResponse<String> bad = query("Action=PutMetricData&Version=2010-08-01&Namespace=Cli"
        + "&MetricData.member.1.MetricName=Hits&MetricData.member.1.Value=3&MetricData.member.1.StatisticValues.SampleCount=1"
        + "&MetricData.member.1.StatisticValues.Sum=1&MetricData.member.1.StatisticValues.Minimum=1&MetricData.member.1.StatisticValues.Maximum=1");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("<Code>InvalidParameterCombination</Code>"), bad.body());
  }
}
