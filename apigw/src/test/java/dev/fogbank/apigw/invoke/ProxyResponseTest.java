package dev.fogbank.apigw.invoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Lambda proxy output contract (format 1.0) and what API Gateway calls malformed. */
class ProxyResponseTest {

  private static IntegrationResult parse(String json) {
    return ProxyResponse.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsStatusHeadersMultiValueHeadersAndBody() {
    IntegrationResult r = parse("{\"statusCode\":201,\"headers\":{\"A\":\"1\"},\"multiValueHeaders\":{\"B\":[\"x\",\"y\"]},\"body\":\"hi\"}");
    assertEquals(201, r.status());
    assertEquals(List.of("1"), r.headers().get("A"));
    assertEquals(List.of("x", "y"), r.headers().get("B"));
    assertEquals("hi", new String(r.body(), StandardCharsets.UTF_8));
  }

  @Test
  void decodesBase64Bodies() {
    assertArrayEquals(new byte[] {0, 1, 2}, parse("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"AAEC\"}").body());
  }

  @Test
  void malformedResponsesAreNull() {
    assertNull(parse("{\"hello\":\"world\"}"));
    assertNull(parse("{\"statusCode\":200,\"body\":{\"not\":\"a string\"}}"));
    assertNull(parse("{\"statusCode\":\"abc\"}"));
    assertNull(parse("[1,2]"));
    assertNull(parse("not json"));
    assertNull(parse("{\"statusCode\":200,\"headers\":{\"A\":[\"list\"]}}"));
  }
}
