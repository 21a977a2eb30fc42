package dev.fogbank.sqs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fogbank.core.protocol.Json;
import dev.fogbank.testkit.FogbankExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Query-protocol responses byte for byte against golden files (request ids, message ids, receipt
 * handles, ports and timestamps normalised), including SQS's error XML; and a form POST to the
 * queue's own URL without a QueueUrl parameter, as older SDKs send it.
 */
class SqsQueryGoldenIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private String post(String path, String form) {
    HttpResponse<String> r = WireClient.post(fogbank.endpoint().resolve(path),
        "application/x-www-form-urlencoded; charset=utf-8", Map.of(), form + "&Version=2012-11-05");
    return r.statusCode() + "\n" + normalise(r.body());
  }

  private static String normalise(String xml) {
    return xml.replaceAll("<RequestId>[^<]+</RequestId>", "<RequestId>REQUEST-ID</RequestId>")
        .replaceAll("<MessageId>[^<]+</MessageId>", "<MessageId>MESSAGE-ID</MessageId>")
        .replaceAll("<ReceiptHandle>[^<]+</ReceiptHandle>", "<ReceiptHandle>RECEIPT-HANDLE</ReceiptHandle>")
        .replaceAll("localhost:\\d+", "localhost:PORT")
        .replaceAll("<Value>\\d{10,13}</Value>", "<Value>TIMESTAMP</Value>");
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = SqsQueryGoldenIT.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  @Test
  void queryResponsesMatchGoldenFiles() throws IOException {
    assertEquals(golden("create-queue.xml"),
        post("/", "Action=CreateQueue&QueueName=golden&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=40"
            + "&Tag.1.Key=team&Tag.1.Value=blue"));
    // MD5s: of "hello" and of the attribute colour=String:blue in SQS's encoding
    assertEquals(golden("send-message.xml"),
        post("/000000000000/golden", "Action=SendMessage&MessageBody=hello"
            + "&MessageAttribute.1.Name=colour&MessageAttribute.1.Value.DataType=String"
            + "&MessageAttribute.1.Value.StringValue=blue"));
    assertEquals(golden("receive-message.xml"),
        post("/", "Action=ReceiveMessage&QueueUrl=" + fogbank.endpoint() + "/000000000000/golden"
            + "&AttributeName.1=SentTimestamp&AttributeName.2=ApproximateReceiveCount&MessageAttributeName.1=All"));
    assertEquals(golden("get-queue-attributes.xml"),
        post("/000000000000/golden", "Action=GetQueueAttributes&AttributeName.1=VisibilityTimeout"
            + "&AttributeName.2=ApproximateNumberOfMessagesNotVisible"));
    assertEquals(golden("non-existent-queue.xml"), post("/", "Action=GetQueueUrl&QueueName=missing"));
    assertEquals(golden("send-message-batch.xml"),
        post("/000000000000/golden", "Action=SendMessageBatch"
            + "&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=one"
            + "&SendMessageBatchRequestEntry.2.Id=b&SendMessageBatchRequestEntry.2.MessageBody=%01"));
  }

  @Test
  void adminEndpointShowsMessagesWithoutReceivingThem() throws Exception {
    post("/", "Action=CreateQueue&QueueName=peek");
    post("/000000000000/peek", "Action=SendMessage&MessageBody=look");
    var http = java.net.http.HttpClient.newHttpClient();
    var request = java.net.http.HttpRequest.newBuilder(
        fogbank.endpoint().resolve("/_aws/sqs/messages?QueueUrl=" + fogbank.endpoint() + "/000000000000/peek")).build();
    for (int i = 0; i < 2; i++) {
      var body = Json.parse(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
      assertEquals("look", body.path("Messages").path(0).path("Body").asText());
    }
  }
}
