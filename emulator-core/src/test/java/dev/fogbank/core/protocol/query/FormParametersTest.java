package dev.fogbank.core.protocol.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.AwsRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FormParametersTest {

  private static AwsRequest form(String uri, String body) {
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    return new AwsRequest("POST", uri, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesPercentAndPlusAndBareNames() {
    Map<String, String> p = new TreeMap<>();
    FormParameters.decode("a=1&b=x%20y%26z&c&d=+&&e=", p);
    assertEquals(Map.of("a", "1", "b", "x y&z", "c", "", "d", " ", "e", ""), p);
  }

  @Test
  void firstOccurrenceWins() {
    Map<String, String> p = new TreeMap<>();
    FormParameters.decode("Action=SendMessage&Action=DeleteQueue", p);
    assertEquals("SendMessage", p.get("Action"));
  }

  @Test
  void queryStringAndFormBodyTogether() {
    var p = FormParameters.of(form("/?Action=Publish", "Message=hi&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A1%3At"));
    assertEquals("Publish", p.get("Action"));
    assertEquals("hi", p.get("Message"));
    assertEquals("arn:aws:sns:us-east-1:1:t", p.get("TopicArn"));
  }

  @Test
  void bodyOfAnotherContentTypeIsNotForm() {
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    headers.add("Content-Type", "application/json");
    var p = FormParameters.of(new AwsRequest("POST", "/", headers, "Action=X".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Map.of(), p);
  }

  @Test
  void malformedEscapeIsMalformedQueryString() {
    AwsException e = assertThrows(AwsException.class, () -> FormParameters.of(form("/", "Action=%zz")));
    assertEquals("MalformedQueryString", e.code());
    assertEquals(400, e.status());
  }
}
