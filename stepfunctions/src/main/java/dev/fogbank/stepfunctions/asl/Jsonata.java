package dev.fogbank.stepfunctions.asl;

import com.dashjoin.jsonata.JException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSONata for states in {@code "QueryLanguage": "JSONata"}: a string {@code "{% expr %}"} anywhere in
 * Arguments, Output, Assign (and the other JSONata fields) is evaluated with {@code $states} (input,
 * result, errorOutput, context) and the workflow variables bound; other values are literals. A
 * failing expression is {@code States.QueryEvaluationError}.
 */
public final class Jsonata {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Map<String, com.dashjoin.jsonata.Jsonata> COMPILED = new ConcurrentHashMap<>();

  private Jsonata() {}

  public static boolean isExpression(JsonNode v) {
    return v != null && v.isTextual() && isExpression(v.asText());
  }

  public static boolean isExpression(String s) {
    String t = s.strip();
    return t.startsWith("{%") && t.endsWith("%}") && t.length() >= 4;
  }

  /** Parses an expression (for definition checks); throws IllegalArgumentException if invalid. */
  public static void check(String s) {
    try {
      compile(body(s));
    } catch (JException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static String body(String s) {
    String t = s.strip();
    return t.substring(2, t.length() - 2).strip();
  }

  private static com.dashjoin.jsonata.Jsonata compile(String expr) {
    return COMPILED.computeIfAbsent(expr, com.dashjoin.jsonata.Jsonata::jsonata);
  }

  /** Evaluates every {@code {% %}} string inside {@code template}. */
  public static JsonNode evaluate(JsonNode template, Map<String, JsonNode> bindings) {
    if (template == null) {
      return null;
    }
    if (isExpression(template)) {
      return expression(template.asText(), bindings);
    }
    if (template.isObject()) {
      ObjectNode out = F.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = evaluate(e.getValue(), bindings);
        if (v != null) {
          out.set(e.getKey(), v);
        }
      }
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = F.arrayNode();
      for (JsonNode e : template) {
        JsonNode v = evaluate(e, bindings);
        if (v != null) {
          out.add(v);
        }
      }
      return out;
    }
    return template;
  }

  /** One expression; null when it yields nothing (JSONata's undefined). */
  public static JsonNode expression(String text, Map<String, JsonNode> bindings) {
    String expr = body(text);
    try {
      com.dashjoin.jsonata.Jsonata j = compile(expr);
      com.dashjoin.jsonata.Jsonata.Frame frame = j.createFrame();
      for (Map.Entry<String, JsonNode> b : bindings.entrySet()) {
        frame.bind(b.getKey(), toJava(b.getValue()));
      }
      Object result = j.evaluate(null, frame);
      return result == null ? null : toJson(result);
    } catch (JException | IllegalArgumentException | ClassCastException e) {
      throw new StatesError(ErrorNames.QUERY_EVALUATION_ERROR,
          "An error occurred while evaluating the expression '" + expr + "': " + e.getMessage());
    }
  }

  static Object toJava(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return null;
    }
    if (n.isNull()) {
      return com.dashjoin.jsonata.Jsonata.NULL_VALUE;
    }
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      n.fields().forEachRemaining(e -> m.put(e.getKey(), toJava(e.getValue())));
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(e -> l.add(toJava(e)));
      return l;
    }
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? (Object) n.asLong() : n.bigIntegerValue();
    }
    return n.asDouble();
  }

  static JsonNode toJson(Object o) {
    if (o == null || o == com.dashjoin.jsonata.Jsonata.NULL_VALUE) {
      return F.nullNode();
    }
    if (o instanceof Map<?, ?> m) {
      ObjectNode out = F.objectNode();
      m.forEach((k, v) -> {
        if (v != null) {
          out.set(String.valueOf(k), toJson(v));
        }
      });
      return out;
    }
    if (o instanceof List<?> l) {
      ArrayNode out = F.arrayNode();
      l.forEach(v -> {
        if (v != null) {
          out.add(toJson(v));
        }
      });
      return out;
    }
    if (o instanceof String s) {
      return F.textNode(s);
    }
    if (o instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (o instanceof Integer i) {
      return F.numberNode(i);
    }
    if (o instanceof Long l) {
      return F.numberNode(l);
    }
    if (o instanceof BigInteger bi) {
      return F.numberNode(bi);
    }
    if (o instanceof BigDecimal bd) {
      return F.numberNode(bd);
    }
    if (o instanceof Number num) {
      double d = num.doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
        return F.numberNode((long) d);
      }
      return F.numberNode(d);
    }
    throw new IllegalArgumentException("the expression returned a function or an unsupported value");
  }
}
