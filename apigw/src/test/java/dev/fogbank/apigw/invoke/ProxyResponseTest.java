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

  @Test
  void multiValueHeadersWinOverHeadersWhereverTheyStandInTheDocument() {
    IntegrationResult r = parse("{\"multiValueHeaders\":{\"A\":[\"x\",\"y\"]},\"headers\":{\"A\":\"1\",\"B\":\"2\"},\"statusCode\":200}");
    assertEquals(List.of("x", "y"), r.headers().get("A"));
    assertEquals(List.of("2"), r.headers().get("B"));
    assertEquals(List.of("A", "B"), List.copyOf(r.headers().keySet()));
  }

  @Test
  void scalarHeaderValuesAreTheirText() {
    IntegrationResult r = parse("{\"statusCode\":\"404\",\"headers\":{\"N\":7,\"T\":true,\"Z\":null}}");
    assertEquals(404, r.status());
    assertEquals(List.of("7"), r.headers().get("N"));
    assertEquals(List.of("true"), r.headers().get("T"));
    assertEquals(List.of("null"), r.headers().get("Z"));
  }

  @Test
  void bodiesWithEscapesAndNonAsciiTextAreDecoded() {
    assertEquals("a\"b\n\u00e9", new String(parse("{\"body\":\"a\\\"b\\n\u00e9\"}").body(), StandardCharsets.UTF_8));
    assertEquals("\u00e9t\u00e9", new String(parse("{\"body\":\"\\u00e9t\u00e9\"}").body(), StandardCharsets.UTF_8));
    assertEquals(0, parse("{\"statusCode\":200,\"body\":null}").body().length);
  }

  @Test
  void cookiesAreAllowedAndOtherMistakesAreMalformed() {
    assertEquals(200, parse("{\"statusCode\":200,\"cookies\":[\"a=b\"],\"body\":\"ok\"}").status());
    assertNull(parse("{\"statusCode\":200,\"body\":\"ok\",\"isBase64Encoded\":\"yes\"}"));
    assertNull(parse("{\"statusCode\":99}"));
    assertNull(parse("{\"statusCode\":200.5}"));
    assertNull(parse("{\"statusCode\":\"20x\"}"));
    assertNull(parse("{\"multiValueHeaders\":{\"A\":\"x\"}}"));
    assertNull(parse("{\"statusCode\":200,\"body\":\"ok\""));
    assertNull(parse(""));
  }
}
