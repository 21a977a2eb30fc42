package dev.fogbank.stepfunctions.asl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.path.Paths;
import dev.fogbank.stepfunctions.asl.path.Scope;
import org.junit.jupiter.api.Test;

/** Every intrinsic function, with the examples of the AWS documentation (intrinsic-functions.html). */
class IntrinsicFunctionsTest {

  private static JsonNode json(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonNode eval(String expr, String input) {
    JsonNode in = json(input);
    return Paths.evaluate("x.$", expr, new Scope() {
      @Override
      public JsonNode input() {
        return in;
      }

      @Override
      public JsonNode context() {
        return json("{\"Execution\":{\"Name\":\"run-1\"}}");
      }

      @Override
      public JsonNode variable(String name) {
        return name.equals("v") ? json("{\"n\":5}") : null;
      }
    });
  }

  @Test
  void format() {
    assertEquals("\"Hello, my name is Arnav.\"", eval("States.Format('Hello, my name is {}.', $.name)", "{\"name\":\"Arnav\"}").toString());
    assertEquals("\"1 true null {literal} it's\"", eval("States.Format('{} {} {} \\{literal\\} it\\'s', 1, true, null)", "{}").toString());
    assertEquals("\"run-1/5\"", eval("States.Format('{}/{}', $$.Execution.Name, $v.n)", "{}").toString());
    StatesError e = assertThrows(StatesError.class, () -> eval("States.Format('{} {}', 1)", "{}"));
    assertEquals("States.IntrinsicFailure", e.error());
  }

  @Test
  void jsonConversions() {
    assertEquals(json("{\"a\":1}"), eval("States.StringToJson($.s)", "{\"s\":\"{\\\"a\\\":1}\"}"));
    assertEquals("\"{\\\"a\\\":1}\"", eval("States.JsonToString($.o)", "{\"o\":{\"a\":1}}").toString());
  }

  @Test
  void arrays() {
    assertEquals(json("[\"Foo\",2020,{\"a\":1},null]"), eval("States.Array('Foo', 2020, $.o, null)", "{\"o\":{\"a\":1}}"));
    assertEquals(json("[[1,2,3,4],[5,6,7,8],[9]]"), eval("States.ArrayPartition($.a, 4)", "{\"a\":[1,2,3,4,5,6,7,8,9]}"));
    assertEquals(json("true"), eval("States.ArrayContains($.a, 5)", "{\"a\":[1,2,3,4,5]}"));
    assertEquals(json("[1,3,5,7,9]"), eval("States.ArrayRange(1, 9, 2)", "{}"));
    assertEquals(json("6"), eval("States.ArrayGetItem($.a, 5)", "{\"a\":[1,2,3,4,5,6,7,8,9]}"));
    assertEquals(json("9"), eval("States.ArrayLength($.a)", "{\"a\":[1,2,3,4,5,6,7,8,9]}"));
    assertEquals(json("[1,2,3,4]"), eval("States.ArrayUnique($.a)", "{\"a\":[1,2,3,3,3,3,3,3,4]}"));
    assertEquals("States.IntrinsicFailure", assertThrows(StatesError.class,
        () -> eval("States.ArrayRange(1, 2000, 1)", "{}")).error());
  }

  @Test
  void encodingAndHashing() {
    assertEquals("\"RGF0YSB0byBlbmNvZGU=\"", eval("States.Base64Encode($.s)", "{\"s\":\"Data to encode\"}").toString());
    assertEquals("\"Data to encode\"", eval("States.Base64Decode($.s)", "{\"s\":\"RGF0YSB0byBlbmNvZGU=\"}").toString());
    // SHA-1 of "input data" from the AWS example
    assertEquals("\"aaff4a450a104cd177d28d18d74485e8cae074b7\"", eval("States.Hash($.d, 'SHA-1')", "{\"d\":\"input data\"}").toString());
    assertEquals("States.IntrinsicFailure", assertThrows(StatesError.class,
        () -> eval("States.Hash('x', 'SHA-999')", "{}")).error());
  }

  @Test
  void mergeMathSplitUuid() {
    assertEquals(json("{\"a\":{\"a3\":1,\"a4\":2},\"b\":2,\"c\":3}"),
        eval("States.JsonMerge($.j1, $.j2, false)", "{\"j1\":{\"a\":{\"a1\":1,\"a2\":2},\"b\":2},\"j2\":{\"a\":{\"a3\":1,\"a4\":2},\"c\":3}}"));
    assertEquals(json("112"), eval("States.MathAdd($.v, 1)", "{\"v\":111}"));
    int r = eval("States.MathRandom(1, 999)", "{}").asInt();
    assertTrue(r >= 1 && r < 999);
    assertEquals(eval("States.MathRandom(1, 999, 7)", "{}"), eval("States.MathRandom(1, 999, 7)", "{}"));
    assertEquals(json("[\"1\",\"2\",\"3\",\"4\",\"5\"]"), eval("States.StringSplit($.s, ',')", "{\"s\":\"1,2,3,4,5\"}"));
    assertEquals(json("[\"This\",\"is\",\"a\",\"string\"]"), eval("States.StringSplit($.s, ' ')", "{\"s\":\"This is a string\"}"));
    assertTrue(eval("States.UUID()", "{}").asText().matches("[0-9a-f-]{36}"));
    assertEquals(json("[1,2]"), eval("States.Array(States.MathAdd(0, 1), States.ArrayLength(States.Array(1, 2)))", "{}"));
  }

  @Test
  void invalidCallsAreRejectedAtParseTime() {
    assertTrue(Paths.isValidExpression("States.Format('a{}', $.x)"));
    assertTrue(!Paths.isValidExpression("States.Nope(1)"));
    assertTrue(!Paths.isValidExpression("States.Format('a"));
    assertTrue(!Paths.isValidExpression("$.a[?"));
  }
}
