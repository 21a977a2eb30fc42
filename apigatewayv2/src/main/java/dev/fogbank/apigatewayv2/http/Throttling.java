package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.core.governor.Governor;

/**
 * Route throttling of HTTP and WebSocket APIs: the stage's {@code RouteSettings} for the route
 * key, else its {@code DefaultRouteSettings} — one token bucket per API, stage and route in the
 * Governor — under the account's limit of 10,000 requests per second with a burst of 5,000 (AWS:
 * "Throttle requests to your HTTP APIs").
 */
public final class Throttling {

  static final double ACCOUNT_RATE = 10_000;
  static final double ACCOUNT_BURST = 5_000;

  private Throttling() {}

  public static boolean admit(Governor governor, Api api, String stage, JsonNode stageData, String routeKey) {
    if (!governor.admit("apigatewayv2/account/" + api.account() + "/" + api.region(), ACCOUNT_RATE, ACCOUNT_BURST)) {
      return false;
    }
    JsonNode settings = stageData.path("RouteSettings").path(routeKey);
    JsonNode defaults = stageData.path("DefaultRouteSettings");
    JsonNode rate = settings.has("ThrottlingRateLimit") ? settings.get("ThrottlingRateLimit") : defaults.get("ThrottlingRateLimit");
    JsonNode burst = settings.has("ThrottlingBurstLimit") ? settings.get("ThrottlingBurstLimit") : defaults.get("ThrottlingBurstLimit");
    if (rate == null && burst == null) {
      return true;
    }
    double r = rate == null ? ACCOUNT_RATE : rate.asDouble();
    double b = burst == null ? ACCOUNT_BURST : burst.asDouble();
    return governor.admit("apigatewayv2/" + api.id() + "/" + stage + "/" + routeKey, r, b);
  }
}
