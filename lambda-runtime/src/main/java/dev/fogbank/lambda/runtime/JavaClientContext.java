package dev.fogbank.lambda.runtime;

import com.amazonaws.services.lambda.runtime.Client;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import java.util.HashMap;
import java.util.Map;

/** The caller's ClientContext ({@code client}, {@code custom}, {@code env}) for Java handlers. */
record JavaClientContext(Client getClient, Map<String, String> getCustom, Map<String, String> getEnvironment)
    implements ClientContext {

  static ClientContext parse(String json) {
    JsonNode node;
    try {
      node = Json.parse(json);
    } catch (IllegalArgumentException e) {
      return null;
    }
    JsonNode c = node.path("client");
    Client client =
        new Client() {
          @Override
          public String getInstallationId() {
            return c.path("installation_id").asText(null);
          }

          @Override
          public String getAppTitle() {
            return c.path("app_title").asText(null);
          }

          @Override
          public String getAppVersionName() {
            return c.path("app_version_name").asText(null);
          }

          @Override
          public String getAppVersionCode() {
            return c.path("app_version_code").asText(null);
          }

          @Override
          public String getAppPackageName() {
            return c.path("app_package_name").asText(null);
          }
        };
    return new JavaClientContext(client, map(node.path("custom")), map(node.path("env")));
  }

  private static Map<String, String> map(JsonNode node) {
    Map<String, String> out = new HashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
