package dev.fogbank.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.time.SystemClock;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request codec costs on the SQS hot path: reading a SendMessage in each protocol and
 * writing a ten-message ReceiveMessage result as query XML. Each decode starts from the raw
 * request bytes, as the server does per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmarks {

  private static final String QUEUE_URL = "http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/bench";

  @Param({"1024"})
  public int size;

  private Operation sendMessage;
  private Operation receiveMessage;
  private byte[] jsonBody;
  private HttpHeaders jsonHeaders;
  private byte[] formBody;
  private HttpHeaders formHeaders;
  private JsonNode receiveResult;
  private RequestContext queryContext;

  @Setup
  public void setUp() {
    sendMessage = SqsCodecs.MODEL.operation("SendMessage");
    receiveMessage = SqsCodecs.MODEL.operation("ReceiveMessage");
    String body = "x".repeat(size);

    ObjectNode send = Json.object();
    send.put("QueueUrl", QUEUE_URL);
    send.put("MessageBody", body);
    ObjectNode attribute = send.putObject("MessageAttributes").putObject("trace");
    attribute.put("DataType", "String");
    attribute.put("StringValue", "abc-123");
    jsonBody = Json.bytes(send);
    jsonHeaders = new DefaultHttpHeaders();
    jsonHeaders.set("Content-Type", "application/x-amz-json-1.0");
    jsonHeaders.set("X-Amz-Target", "AmazonSQS.SendMessage");

    formBody =
        ("Action=SendMessage&Version=2012-11-05&QueueUrl=" + URLEncoder.encode(QUEUE_URL, StandardCharsets.UTF_8)
                + "&MessageBody=" + URLEncoder.encode(body, StandardCharsets.UTF_8)
                + "&MessageAttribute.1.Name=trace&MessageAttribute.1.Value.DataType=String"
                + "&MessageAttribute.1.Value.StringValue=abc-123")
            .getBytes(StandardCharsets.UTF_8);
    formHeaders = new DefaultHttpHeaders();
    formHeaders.set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");

    ObjectNode result = Json.object();
    ArrayNode messages = result.putArray("Messages");
    for (int i = 0; i < 10; i++) {
      ObjectNode m = messages.addObject();
      m.put("MessageId", "5fea7756-0ea4-451a-a703-a558b933e27" + i);
      m.put("ReceiptHandle", "AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq/RbWOs4OqmyMvGBGT5dDMqAAMSzMvARyqDEzBEn4VYN" + i);
      m.put("MD5OfBody", "fafb00f5732ab283681e124bf8747ed1");
      m.put("Body", body);
      ObjectNode attrs = m.putObject("Attributes");
      attrs.put("SenderId", "AIDAIENQZJOLO23YVJ4VO");
      attrs.put("ApproximateFirstReceiveTimestamp", "1442428276921");
      attrs.put("SentTimestamp", "1442428276921");
      attrs.put("ApproximateReceiveCount", "1");
    }
    receiveResult = result;
    queryContext =
        new RequestContext(
            "b6633655-283d-45b4-aee4-4e84e0ae6afa",
            "000000000000",
            "us-east-1",
            "localhost:4566",
            Protocol.QUERY,
            null,
            SystemClock.INSTANCE);
  }

  @Benchmark
  public ObjectNode decodeSendMessageJson() {
    AwsRequest request = new AwsRequest("POST", "/", jsonHeaders, jsonBody);
    return SqsCodecs.JSON.decode(request, sendMessage);
  }

  @Benchmark
  public ObjectNode decodeSendMessageQuery() {
    AwsRequest request = new AwsRequest("POST", "/", formHeaders, formBody);
    return SqsCodecs.QUERY.decode(request, sendMessage);
  }

  @Benchmark
  public AwsResponse encodeReceiveMessageXml() {
    return SqsCodecs.QUERY.encode(queryContext, receiveMessage, receiveResult);
  }
}
