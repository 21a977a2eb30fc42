package dev.fogbank.stepfunctions.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.StatesError;
import dev.fogbank.stepfunctions.asl.intrinsic.Intrinsic;
import dev.fogbank.stepfunctions.asl.intrinsic.IntrinsicFunctions;
import dev.fogbank.stepfunctions.asl.intrinsic.IntrinsicParser;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSONPath data flow of the States Language: reading a path against the input, the context object
 * ({@code $$}) or a variable ({@code $name}), and building payload templates (Parameters,
 * ItemSelector, ResultSelector, Assign) whose {@code .$} keys take a path or an intrinsic call.
 */
public final class Paths {

  private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();
  private static final Map<String, Intrinsic.Call> CALLS = new ConcurrentHashMap<>();

  private Paths() {}

  /** Whether a {@code .$} value or a {@code …Path} field is a valid path or intrinsic call. */
  public static boolean isValidExpression(String value) {
    try {
      if (IntrinsicParser.looksLikeCall(value)) {
        IntrinsicParser.parse(value);
      } else {
        compile(value);
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether a {@code …Path} field (InputPath, ItemsPath, SecondsPath) holds a valid path. */
  public static boolean isValidPath(String value) {
    try {
      compile(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private record Target(int kind, String variable, JsonPath path) {}

  private static final Map<String, Target> TARGETS = new ConcurrentHashMap<>();

  /** $ → input (0), $$ → context (1), $name → variable (2). */
  private static Target compile(String text) {
    Target cached = TARGETS.get(text);
    if (cached != null) {
      return cached;
    }
    Target t;
    if (text.startsWith("$$")) {
      t = new Target(1, null, path(text.substring(1)));
    } else if (text.length() > 1 && text.startsWith("$") && text.charAt(1) != '.' && text.charAt(1) != '[') {
      int end = 1;
      while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
        end++;
      }
      String name = text.substring(1, end);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("bad variable name " + name);
      }
      t = new Target(2, name, path("$" + text.substring(end)));
    } else {
      t = new Target(0, null, path(text));
    }
    TARGETS.put(text, t);
    return t;
  }

  private static JsonPath path(String text) {
    return COMPILED.computeIfAbsent(text, JsonPath::compile);
  }

  /** Reads a path; empty when a definite path finds nothing (or names an unknown variable). */
  public static Optional<JsonNode> read(String text, Scope scope) {
    Target t = compile(text);
    JsonNode root = switch (t.kind) {
      case 0 -> scope.input();
      case 1 -> scope.context();
      default -> scope.variable(t.variable);
    };
    if (root == null) {
      return Optional.empty();
    }
    return t.path.read(root);
  }

  /** A {@code .$} value: an intrinsic call or a path; a path finding nothing is a States.Runtime error. */
  public static JsonNode evaluate(String field, String value, Scope scope) {
    if (IntrinsicParser.looksLikeCall(value)) {
      Intrinsic.Call call = CALLS.computeIfAbsent(value, IntrinsicParser::parse);
      return IntrinsicFunctions.evaluate(call, p -> require(field, p, scope));
    }
    return require(field, value, scope);
  }

  private static JsonNode require(String field, String path, Scope scope) {
    return read(path, scope).orElseThrow(() -> StatesError.runtime(
        "The JSONPath '" + path + "' specified for the field '" + field + "' could not be found in the input '"
            + describe(path, scope) + "'"));
  }

  private static String describe(String path, Scope scope) {
    if (path.startsWith("$$")) {
      return scope.context().toString();
    }
    JsonNode in = scope.input();
    return in == null ? "null" : in.toString();
  }

  /** Builds a payload template: keys ending in {@code .$} are evaluated, others copied as-is. */
  public static JsonNode template(JsonNode template, Scope scope) {
    if (template.isObject()) {
      ObjectNode out = Json.MAPPER.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        if (key.endsWith(".$") && e.getValue().isTextual()) {
          out.set(key.substring(0, key.length() - 2), evaluate(key, e.getValue().asText(), scope));
        } else {
          out.set(key, template(e.getValue(), scope));
        }
      }
      return out;
    }
    if (template.isArray()) {
      var out = Json.MAPPER.createArrayNode();
      template.forEach(v -> out.add(template(v, scope)));
      return out;
    }
    return template;
  }

  /** Compiles a reference path (ResultPath); throws IllegalArgumentException if not one. */
  public static JsonPath reference(String text) {
    JsonPath p = path(text);
    if (!p.isReference()) {
      throw new IllegalArgumentException("not a reference path");
    }
    return p;
  }
}
