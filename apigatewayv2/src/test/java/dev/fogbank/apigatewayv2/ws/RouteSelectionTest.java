package dev.fogbank.apigatewayv2.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** RouteSelectionExpression evaluation (AWS: "WebSocket API route selection expressions"). */
class RouteSelectionTest {

  @Test
  void readsTheMemberOfAJsonMessage() {
    assertEquals("send", RouteSelection.select("$request.body.action", "{\"action\":\"send\"}"));
    assertEquals("deep", RouteSelection.select("$request.body.meta.kind", "{\"meta\":{\"kind\":\"deep\"}}"));
  }

  @Test
  void selectsNothingForOtherMessages() {
    assertNull(RouteSelection.select("$request.body.action", "plain text"));
    assertNull(RouteSelection.select("$request.body.action", "{\"other\":1}"));
    assertNull(RouteSelection.select("$request.body.action", "[1,2]"));
  }

  @Test
  void aStaticExpressionSelectsItself() {
    assertEquals("always", RouteSelection.select("always", "{}"));
  }
}
