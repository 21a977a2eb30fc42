package dev.fogbank.apigw.vtl;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.fogbank.core.protocol.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code $input} variable of a mapping template: {@code $input.body}, {@code
 * $input.json('$.x')} (a JSON string of the match), {@code $input.path('$.x')} (the match as an
 * object a template can walk), {@code $input.params()} (path, querystring and header maps) and
 * {@code $input.params('x')} (looked up in that order).
 */
public final class InputVariable {

  private static final Configuration JSON_PATH =
      Configuration.builder()
          .jsonProvider(new JacksonJsonProvider(Json.MAPPER))
          .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
          .options(Option.SUPPRESS_EXCEPTIONS)
          .build();

  private final String body;
  private final Map<String, String> path;
  private final Map<String, String> querystring;
  private final Map<String, String> header;
  private Object parsed;
  private boolean parsedOnce;

  public InputVariable(String body, Map<String, String> path, Map<String, String> querystring, Map<String, String> header) {
    this.body = body;
    this.path = path;
    this.querystring = querystring;
    this.header = header;
  }

  public String getBody() {
    return body;
  }

  /** The body parsed as JSON once, or null when it is not JSON. */
  private Object document() {
    if (!parsedOnce) {
      parsedOnce = true;
      try {
        parsed = body == null || body.isBlank() ? Map.of() : JSON_PATH.jsonProvider().parse(body);
      } catch (RuntimeException e) {
        parsed = null;
      }
    }
    return parsed;
  }

  private Object read(String expression) {
    Object doc = document();
    if (doc == null) {
      return null;
    }
    return JsonPath.using(JSON_PATH).parse(doc).read(expression == null || expression.isEmpty() ? "$" : expression);
  }

  /** The match serialised as JSON ({@code $input.json('$')} is the whole body as JSON). */
  public String json(String expression) {
    Object v = read(expression);
    if (v == null && document() == null) {
      return body;
    }
    try {
      return Json.MAPPER.writeValueAsString(v);
    } catch (Exception e) {
      return "null";
    }
  }

  /** The match as plain Java maps, lists, strings and numbers. */
  public Object path(String expression) {
    if (document() == null) {
      // A body that is not JSON: '$' is the body itself, anything deeper is empty.
      return expression == null || expression.equals("$") ? body : null;
    }
    Object v = read(expression);
    if (v instanceof JsonNode node) {
      return Json.MAPPER.convertValue(node, Object.class);
    }
    return v;
  }

  public Map<String, Map<String, String>> params() {
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    all.put("path", path);
    all.put("querystring", querystring);
    all.put("header", header);
    return all;
  }

  public String params(String name) {
    for (Map<String, String> m : List.of(path, querystring, header)) {
      String v = m.get(name);
      if (v != null) {
        return v;
      }
    }
    for (Map.Entry<String, String> e : header.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return "";
  }

  @Override
  public String toString() {
    return body;
  }
}
