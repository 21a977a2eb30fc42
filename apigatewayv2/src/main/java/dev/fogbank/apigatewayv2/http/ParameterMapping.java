package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP API parameter mapping (AWS: "Transforming API requests and responses"): an integration's
 * {@code RequestParameters} ({@code append|overwrite|remove:header.<name>}, {@code …:querystring.<name>},
 * {@code overwrite:path}) change what the integration receives; its {@code ResponseParameters},
 * keyed by the integration's status code, change what the client receives ({@code
 * overwrite:statuscode} and the header operations).
 */
final class ParameterMapping {

  private ParameterMapping() {}

  /** Applies request mappings to the invocation; returns the path to send (overwrite:path). */
  static String request(JsonNode mappings, Invocation inv) {
    String path = null;
    if (mappings == null || !mappings.isObject()) {
      return null;
    }
    // Values are computed from the original request before any mapping is applied.
    List<String[]> ops = new ArrayList<>();
    mappings.fields().forEachRemaining(m ->
        ops.add(new String[] {m.getKey(), MappingValues.resolve(m.getValue().asText(), e -> MappingValues.request(inv, e))}));
    for (String[] op : ops) {
      String key = op[0];
      String value = op[1];
      int colon = key.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String action = key.substring(0, colon);
      String target = key.substring(colon + 1);
      if (target.equals("path")) {
        if (action.equals("overwrite")) {
          path = value.startsWith("/") ? value : "/" + value;
        }
        continue;
      }
      Map<String, List<String>> where;
      String name;
      if (target.startsWith("header.")) {
        where = inv.headers;
        name = target.substring(7).toLowerCase(Locale.ROOT);
      } else if (target.startsWith("querystring.")) {
        where = inv.query;
        name = target.substring(12);
      } else {
        continue;
      }
      switch (action) {
        case "append" -> where.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        case "overwrite" -> where.put(name, new ArrayList<>(List.of(value)));
        case "remove" -> where.remove(name);
        default -> {}
      }
    }
    return path;
  }

  /** Applies the response mappings for the integration's status code. */
  static AwsResponse response(JsonNode mappings, Invocation inv, AwsResponse response) {
    if (mappings == null || !mappings.isObject()) {
      return response;
    }
    JsonNode forStatus = mappings.get(String.valueOf(response.status()));
    if (forStatus == null || !forStatus.isObject()) {
      return response;
    }
    int status = response.status();
    Map<String, String> headers = new java.util.LinkedHashMap<>(response.headers());
    var it = forStatus.fields();
    while (it.hasNext()) {
      var m = it.next();
      String key = m.getKey();
      String value =
          MappingValues.resolve(
              m.getValue().asText(),
              e -> {
                if (e.startsWith("response.header.")) {
                  return header(response.headers(), e.substring(16));
                }
                if (e.startsWith("response.body.")) {
                  return MappingValues.bodyPath(response.body(), e.substring(14));
                }
                if (e.equals("response.body")) {
                  return new String(response.body(), StandardCharsets.UTF_8);
                }
                return MappingValues.request(inv, e);
              });
      int colon = key.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String action = key.substring(0, colon);
      String target = key.substring(colon + 1);
      if (target.equals("statuscode")) {
        if (action.equals("overwrite") && value.matches("\\d{3}")) {
          status = Integer.parseInt(value);
        }
        continue;
      }
      if (!target.startsWith("header.")) {
        continue;
      }
      String name = target.substring(7);
      String existing = findKey(headers, name);
      switch (action) {
        case "append" -> {
          if (existing == null) {
            headers.put(name, value);
          } else {
            headers.put(existing, headers.get(existing) + "," + value);
          }
        }
        case "overwrite" -> {
          if (existing != null) {
            headers.remove(existing);
          }
          headers.put(name, value);
        }
        case "remove" -> {
          if (existing != null) {
            headers.remove(existing);
          }
        }
        default -> {}
      }
    }
    return new AwsResponse(status, headers, response.body());
  }

  private static String findKey(Map<String, String> headers, String name) {
    for (String k : headers.keySet()) {
      if (k.equalsIgnoreCase(name)) {
        return k;
      }
    }
    return null;
  }

  private static String header(Map<String, String> headers, String name) {
    String k = findKey(headers, name);
    return k == null ? null : headers.get(k);
  }
}
