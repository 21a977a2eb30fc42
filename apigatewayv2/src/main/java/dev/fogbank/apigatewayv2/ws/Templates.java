package dev.fogbank.apigatewayv2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The references of API Gateway mapping templates that need no VTL directives: {@code
 * $input.body}, {@code $input.json('$.a.b')}, {@code $input.path('$.a.b')}, {@code $context.*}
 * and {@code $stageVariables.*} (also in the {@code ${…}} form). A template with directives
 * ({@code #set}, {@code #if}, {@code #foreach}) is not evaluated here: {@link Unsupported}.
 */
final class Templates {

  /** A template this emulator cannot evaluate. */
  static final class Unsupported extends RuntimeException {
    Unsupported() {
      super("mapping template with VTL directives", null, false, false);
    }
  }

  private static final Pattern REFERENCE =
      Pattern.compile(
          "\\$input\\.(json|path)\\('([^']*)'\\)|\\$input\\.body|\\$\\{?(context|stageVariables)\\.([A-Za-z0-9_.]+)}?");
  private static final Pattern DIRECTIVE = Pattern.compile("(^|\\s)#(set|if|foreach|elseif|else|end|macro)\\b");

  private Templates() {}

  /** Renders a template against the input text and the named context values. */
  static String render(String template, String input, Map<String, String> context, JsonNode stageVariables) {
    if (DIRECTIVE.matcher(template).find()) {
      throw new Unsupported();
    }
    Matcher m = REFERENCE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value;
      if (m.group(1) != null) {
        JsonNode node = select(input, m.group(2));
        if (m.group(1).equals("json")) {
          value = node == null ? "null" : node.toString();
        } else {
          value = node == null || node.isNull() ? "" : node.isValueNode() ? node.asText() : node.toString();
        }
      } else if (m.group(3) == null) {
        value = input == null ? "" : input;
      } else if (m.group(3).equals("context")) {
        value = context.getOrDefault(m.group(4), "");
      } else {
        JsonNode v = stageVariables == null ? null : stageVariables.get(m.group(4));
        value = v == null ? "" : v.asText();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A JSONPath of dots from {@code $} into the input, or null. */
  private static JsonNode select(String input, String path) {
    JsonNode node;
    try {
      node = input == null ? null : Json.parse(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    }
    if (node == null) {
      return null;
    }
    String p = path.equals("$") ? "" : path.startsWith("$.") ? path.substring(2) : path;
    for (String part : p.split("\\.")) {
      if (!part.isEmpty()) {
        node = node.path(part);
      }
    }
    return node.isMissingNode() ? null : node;
  }
}
