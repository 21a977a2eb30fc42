package dev.fogbank.apigw.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fogbank.apigw.state.ApiResource;
import dev.fogbank.apigw.state.Deployed;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.core.protocol.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  private static RestApi api() {
    RestApi api = new RestApi("000000000000", "us-east-1", Json.object().put("id", "abc").put("rootResourceId", "root"));
    add(api, new ApiResource("root", null, null, "/"), "GET");
    add(api, new ApiResource("pets", "root", "pets", "/pets"), "GET");
    add(api, new ApiResource("petId", "pets", "{petId}", "/pets/{petId}"), "GET");
    add(api, new ApiResource("toys", "petId", "toys", "/pets/{petId}/toys"), "POST");
    add(api, new ApiResource("proxy", "root", "{proxy+}", "/{proxy+}"), "ANY");
    add(api, new ApiResource("special", "pets", "special", "/pets/special"), null);
    return api;
  }

  private static void add(RestApi api, ApiResource r, String verb) {
    if (verb != null) {
      r.methods().put(verb, Json.object().put("httpMethod", verb));
    }
    api.resources.put(r.id(), r);
  }

  private final Deployed deployed = api().freeze("d1");
  private final RouteTable table = new RouteTable(deployed);

  @Test
  void literalBeatsVariableBeatsGreedy() {
    assertEquals("/pets", table.match("GET", "/pets").resource().path());
    RouteTable.Route pet = table.match("GET", "/pets/42");
    assertEquals("/pets/{petId}", pet.resource().path());
    assertEquals(Map.of("petId", "42"), pet.pathParameters());
    assertEquals("/pets/{petId}/toys", table.match("POST", "/pets/42/toys").resource().path());
    RouteTable.Route proxy = table.match("DELETE", "/a/b/c");
    assertEquals("/{proxy+}", proxy.resource().path());
    assertEquals(Map.of("proxy", "a/b/c"), proxy.pathParameters());
  }

  @Test
  void resourceIsChosenByPathThenMethod() {
    // /pets/special exists without methods: not found, even though {petId} would have matched
    assertNull(table.match("GET", "/pets/special"));
    // /pets/42/toys has only POST
    assertNull(table.match("GET", "/pets/42/toys"));
    // a path deeper than the literal branch falls back to the greedy resource
    assertEquals("/{proxy+}", table.match("GET", "/pets/1/toys/2").resource().path());
  }

  @Test
  void segmentsAreDecoded() {
    assertEquals(Map.of("petId", "a b"), table.match("GET", "/pets/a%20b").pathParameters());
  }
}
