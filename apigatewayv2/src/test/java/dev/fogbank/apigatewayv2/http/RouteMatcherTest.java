package dev.fogbank.apigatewayv2.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Route selection as "Working with routes for HTTP APIs" describes it: the most specific match,
 * literal over variable over greedy, a method over ANY, $default last.
 */
class RouteMatcherTest {

  private static List<ObjectNode> routes(String... keys) {
    List<ObjectNode> out = new ArrayList<>();
    for (String k : keys) {
      out.add(Json.object().put("RouteKey", k));
    }
    return out;
  }

  private static String match(List<ObjectNode> routes, String method, String path) {
    RouteMatcher.Match m = RouteMatcher.match(routes, method, path);
    return m == null ? null : m.route().path("RouteKey").asText();
  }

  @Test
  void literalBeatsVariableBeatsGreedy() {
    List<ObjectNode> r = routes("ANY /{proxy+}", "GET /pets/{id}", "GET /pets/dog", "GET /pets/{id}/toys");
    assertEquals("GET /pets/dog", match(r, "GET", "/pets/dog"));
    assertEquals("GET /pets/{id}", match(r, "GET", "/pets/cat"));
    assertEquals("GET /pets/{id}/toys", match(r, "GET", "/pets/cat/toys"));
    assertEquals("ANY /{proxy+}", match(r, "GET", "/pets/cat/food"));
    assertEquals("ANY /{proxy+}", match(r, "DELETE", "/pets/dog"));
  }

  @Test
  void aMethodBeatsAnyAndDefaultCatchesTheRest() {
    List<ObjectNode> r = routes("$default", "ANY /pets", "POST /pets");
    assertEquals("POST /pets", match(r, "POST", "/pets"));
    assertEquals("ANY /pets", match(r, "GET", "/pets"));
    assertEquals("$default", match(r, "GET", "/owners"));
    assertNull(match(routes("GET /pets"), "GET", "/owners"));
  }

  @Test
  void pathVariablesAreBound() {
    RouteMatcher.Match m = RouteMatcher.match(routes("GET /a/{x}/b/{rest+}"), "GET", "/a/1/b/c/d");
    assertEquals(Map.of("x", "1", "rest", "c/d"), m.pathParameters());
    assertEquals(Map.of("x", "a b+c"), RouteMatcher.match(routes("GET /a/{x}"), "GET", "/a/a%20b+c").pathParameters());
    // A greedy variable needs at least one segment.
    assertNull(RouteMatcher.match(routes("GET /a/{rest+}"), "GET", "/a"));
  }
}
