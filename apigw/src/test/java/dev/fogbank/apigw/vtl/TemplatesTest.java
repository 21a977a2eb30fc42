package dev.fogbank.apigw.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mapping templates with API Gateway's $input and $util, evaluated by Velocity. */
class TemplatesTest {

  private final Templates templates = new Templates();

  private String render(String template, String body) {
    InputVariable input = new InputVariable(body, Map.of("id", "7"), Map.of("q", "x"), Map.of("X-H", "h"));
    return templates.render(template, Map.of("input", input, "util", new UtilVariable()));
  }

  @Test
  void inputJsonAndPathReadTheBody() {
    String body = "{\"a\":{\"b\":[1,2,3]},\"s\":\"t\"}";
    assertEquals("{\"b\":[1,2,3]}", render("$input.json('$.a')", body));
    assertEquals("3", render("$input.path('$.a.b').size()", body));
    assertEquals("t", render("$input.path('$.s')", body));
    assertEquals(body, render("$input.body", body));
    assertEquals("1-2-3-", render("#foreach($n in $input.path('$.a.b'))$n-#end", body));
  }

  @Test
  void aBodyThatIsNotJsonIsTheWholeDocument() {
    assertEquals("plain text|", render("$input.path('$')|$!input.path('$.a')", "plain text"));
  }

  @Test
  void paramsLookInPathQueryAndHeaders() {
    assertEquals("7 x h", render("$input.params('id') $input.params('q') $input.params('X-H')", ""));
    assertEquals("x", render("$input.params().querystring.q", ""));
  }

  @Test
  void utilFunctions() {
    assertEquals("a\\\"b", render("$util.escapeJavaScript('a\"b')", ""));
    assertEquals("a%2Fb", render("$util.urlEncode('a/b')", ""));
    assertEquals("a/b", render("$util.urlDecode('a%2Fb')", ""));
    assertEquals("aGk=|hi", render("$util.base64Encode('hi')|$util.base64Decode('aGk=')", ""));
    assertEquals("2", render("$util.parseJson('{\"k\":2}').k", ""));
  }
}
