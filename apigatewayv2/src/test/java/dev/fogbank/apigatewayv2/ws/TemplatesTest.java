package dev.fogbank.apigatewayv2.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.core.protocol.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mapping-template references without VTL directives. */
class TemplatesTest {

  private static final String INPUT = "{\"a\":{\"b\":\"x\",\"n\":2},\"list\":[1,2]}";

  @Test
  void fillsInputContextAndStageVariableReferences() {
    String out =
        Templates.render(
            "{\"b\":$input.json('$.a.b'),\"n\":$input.path('$.a.n'),\"all\":$input.json('$'),\"id\":\"$context.connectionId\","
                + "\"route\":\"${context.routeKey}\",\"env\":\"$stageVariables.env\",\"raw\":$input.body}",
            INPUT,
            Map.of("connectionId", "c-1", "routeKey", "send"),
            Json.object().put("env", "dev"));
    assertEquals(
        "{\"b\":\"x\",\"n\":2,\"all\":" + INPUT + ",\"id\":\"c-1\",\"route\":\"send\",\"env\":\"dev\",\"raw\":" + INPUT + "}", out);
  }

  @Test
  void directivesAreNotEvaluated() {
    assertThrows(Templates.Unsupported.class, () -> Templates.render("#set($x = 1)\n$x", INPUT, Map.of(), null));
  }
}
