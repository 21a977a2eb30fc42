package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.vtl.InputVariable;
import dev.fogbank.apigw.vtl.Templates;
import dev.fogbank.core.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The non-proxy integrations' data mapping: request templates chosen by Content-Type with the
 * passthrough behaviours, request parameters into the integration's path, query string and
 * headers; and on the way back the integration response chosen by {@code selectionPattern}, its
 * response parameters and response template.
 */
public final class Mapping {

  /** A mapped integration request: the body and where the request parameters went. */
  public record MappedRequest(
      byte[] body, Map<String, String> path, Map<String, List<String>> query, Map<String, List<String>> headers) {}

  private final Templates templates;

  public Mapping(Templates templates) {
    this.templates = templates;
  }

  // ---------------------------------------------------------------- request

  public MappedRequest request(Invocation inv, ObjectNode integration) {
    Map<String, String> path = new LinkedHashMap<>();
    Map<String, List<String>> query = new LinkedHashMap<>();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = integration.path("requestParameters").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      String value = ContextVariables.requestSource(inv, p.getValue().asText());
      if (value == null) {
        continue;
      }
      String target = p.getKey();
      if (target.startsWith("integration.request.path.")) {
        path.put(target.substring("integration.request.path.".length()), value);
      } else if (target.startsWith("integration.request.querystring.")) {
        query.computeIfAbsent(target.substring("integration.request.querystring.".length()), k -> new ArrayList<>()).add(value);
      } else if (target.startsWith("integration.request.header.")) {
        headers.computeIfAbsent(target.substring("integration.request.header.".length()), k -> new ArrayList<>()).add(value);
      }
    }
    Map<String, Object> variables = ContextVariables.variables(inv, inv.bodyText());
    byte[] body = body(inv, integration, variables);
    requestOverrides(variables, path, query, headers);
    return new MappedRequest(body, path, query, headers);
  }

  /**
   * {@code $context.requestOverride.header.<name>}, {@code .querystring.<name>} and {@code
   * .path.<name>} set by a request template replace the mapped parameters.
   */
  @SuppressWarnings("unchecked")
  private static void requestOverrides(
      Map<String, Object> variables, Map<String, String> path, Map<String, List<String>> query, Map<String, List<String>> headers) {
    Map<String, Object> context = (Map<String, Object>) variables.get("context");
    if (!(context.get("requestOverride") instanceof Map<?, ?> override)) {
      return;
    }
    if (override.get("header") instanceof Map<?, ?> h) {
      h.forEach((k, v) -> headers.put(String.valueOf(k), new ArrayList<>(List.of(String.valueOf(v)))));
    }
    if (override.get("querystring") instanceof Map<?, ?> q) {
      q.forEach((k, v) -> query.put(String.valueOf(k), new ArrayList<>(List.of(String.valueOf(v)))));
    }
    if (override.get("path") instanceof Map<?, ?> p) {
      p.forEach((k, v) -> path.put(String.valueOf(k), String.valueOf(v)));
    }
  }

  /** The integration request body: a template's output, or the method request's body passed through. */
  private byte[] body(Invocation inv, ObjectNode integration, Map<String, Object> variables) {
    JsonNode templatesByType = integration.path("requestTemplates");
    String contentType = mediaType(inv.header("Content-Type"));
    if (contentType == null) {
      contentType = "application/json";
    }
    JsonNode template = templatesByType.get(contentType);
    String behavior = integration.path("passthroughBehavior").asText("WHEN_NO_MATCH");
    byte[] body = convert(inv.body, integration.path("contentHandling").asText(null), inv.bodyIsBinary);
    if (template == null) {
      boolean any = templatesByType.size() > 0;
      // WHEN_NO_TEMPLATES falls back to application/json's template when there is one
      if (behavior.equals("NEVER") || (behavior.equals("WHEN_NO_TEMPLATES") && any)) {
        throw new GatewayError("UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type");
      }
      return body;
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (body != inv.body) {
      variables.put("input", ContextVariables.input(inv, text));
    }
    return render(inv, template.asText(), text, variables).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code contentHandling}: CONVERT_TO_TEXT base64-encodes a binary payload, CONVERT_TO_BINARY
   * decodes a base64 text payload; without it a payload passes as it is.
   */
  static byte[] convert(byte[] payload, String contentHandling, boolean binary) {
    if ("CONVERT_TO_TEXT".equals(contentHandling) && binary) {
      return java.util.Base64.getEncoder().encode(payload);
    }
    if ("CONVERT_TO_BINARY".equals(contentHandling)) {
      try {
        return java.util.Base64.getMimeDecoder().decode(payload);
      } catch (IllegalArgumentException e) {
        throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
      }
    }
    return payload;
  }

  public String render(Invocation inv, String template, String body) {
    return render(inv, template, body, ContextVariables.variables(inv, body));
  }

  private String render(Invocation inv, String template, String body, Map<String, Object> variables) {
    try {
      return templates.render(template, variables);
    } catch (Templates.TemplateError e) {
      inv.log.append("Execution failed due to configuration error: Unable to transform request\n");
      throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
    }
  }

  /** The media type of a Content-Type header, without parameters, lower case; null if none. */
  public static String mediaType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase();
  }

  // ---------------------------------------------------------------- response

  /** A final method response. */
  public record MethodResult(int status, Map<String, List<String>> headers, byte[] body) {}

  /**
   * The method response for an integration's result: the integration response whose {@code
   * selectionPattern} matches the Lambda error message (Lambda) or the status code (HTTP, MOCK),
   * else the default one (no pattern).
   */
  public MethodResult response(Invocation inv, ObjectNode integration, IntegrationResult result) {
    JsonNode responses = integration.path("integrationResponses");
    String subject = result.errorMessage() != null ? result.errorMessage() : Integer.toString(result.status());
    ObjectNode chosen = null;
    ObjectNode fallback = null;
    for (Iterator<JsonNode> it = responses.elements(); it.hasNext(); ) {
      ObjectNode r = (ObjectNode) it.next();
      String pattern = r.path("selectionPattern").asText("");
      if (pattern.isEmpty()) {
        fallback = fallback == null ? r : fallback;
        continue;
      }
      if (matches(pattern, subject)) {
        chosen = r;
        break;
      }
    }
    if (chosen == null && result.errorMessage() == null && fallback == null) {
      // HTTP integrations with no default: a 2xx without a pattern has nowhere to go
      inv.log.append("Execution failed due to configuration error: No match for output mapping and no default output mapping configured.\n");
      throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
    }
    if (chosen == null) {
      chosen = fallback;
    }
    if (chosen == null) {
      inv.log.append("Execution failed due to configuration error: No match for output mapping and no default output mapping configured.\n");
      throw new GatewayError("API_CONFIGURATION_ERROR", "Internal server error");
    }
    int status = Integer.parseInt(chosen.path("statusCode").asText("200"));
    String body = new String(result.body(), StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    InputVariable input = new InputVariable(body, Map.of(), Map.of(), Map.of());
    for (Iterator<Map.Entry<String, JsonNode>> it = chosen.path("responseParameters").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      if (!p.getKey().startsWith("method.response.header.")) {
        continue;
      }
      String value = responseSource(inv, result, input, p.getValue().asText());
      if (value != null) {
        headers.put(p.getKey().substring("method.response.header.".length()), new ArrayList<>(List.of(value)));
      }
    }
    JsonNode templatesByType = chosen.path("responseTemplates");
    byte[] out = result.body();
    String contentType = "application/json";
    String handling = chosen.path("contentHandling").asText(null);
    if (handling != null) {
      // A converted payload is passed through; templates apply to text only.
      out = convert(out, handling, true);
      templatesByType = Json.object();
    }
    if (templatesByType.size() > 0) {
      String accept = mediaType(inv.header("Accept"));
      JsonNode template = accept != null ? templatesByType.get(accept) : null;
      if (template == null) {
        template = templatesByType.get("application/json");
      }
      if (template == null) {
        Map.Entry<String, JsonNode> first = templatesByType.fields().next();
        contentType = first.getKey();
        template = first.getValue();
      } else if (accept != null && templatesByType.has(accept)) {
        contentType = accept;
      }
      if (!template.isNull() && !template.asText().isEmpty()) {
        Map<String, Object> variables = ContextVariables.variables(inv, body);
        out = render(inv, template.asText(), body, variables).getBytes(StandardCharsets.UTF_8);
        status = overrides(variables, status, headers);
      }
    }
    if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
      headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
    }
    return new MethodResult(status, headers, out);
  }

  /**
   * {@code $context.responseOverride.status} and {@code $context.responseOverride.header.<name>}
   * set by a response template replace the integration response's status and headers.
   */
  @SuppressWarnings("unchecked")
  private static int overrides(Map<String, Object> variables, int status, Map<String, List<String>> headers) {
    Map<String, Object> context = (Map<String, Object>) variables.get("context");
    Object o = context.get("responseOverride");
    if (!(o instanceof Map<?, ?> override)) {
      return status;
    }
    Object s = override.get("status");
    if (s != null) {
      try {
        int parsed = Integer.parseInt(s.toString().trim());
        if (parsed >= 100 && parsed <= 599) {
          status = parsed;
        }
      } catch (NumberFormatException e) {
        // API Gateway ignores an override that is not a status code
      }
    }
    if (override.get("header") instanceof Map<?, ?> h) {
      h.forEach((k, v) -> headers.put(String.valueOf(k), new ArrayList<>(List.of(String.valueOf(v)))));
    }
    return status;
  }

  private static boolean matches(String pattern, String subject) {
    try {
      // API Gateway matches the whole message, with . spanning line breaks
      return Pattern.compile(pattern, Pattern.DOTALL).matcher(subject).matches();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  private static String responseSource(Invocation inv, IntegrationResult result, InputVariable input, String source) {
    if (source.length() >= 2 && source.startsWith("'") && source.endsWith("'")) {
      return source.substring(1, source.length() - 1);
    }
    if (source.startsWith("integration.response.header.")) {
      String name = source.substring("integration.response.header.".length());
      for (Map.Entry<String, List<String>> h : result.headers().entrySet()) {
        if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
          return h.getValue().get(0);
        }
      }
      return null;
    }
    if (source.startsWith("integration.response.body.")) {
      Object v = input.path("$." + source.substring("integration.response.body.".length()));
      return v == null ? null : v.toString();
    }
    if (source.equals("integration.response.body")) {
      return new String(result.body(), StandardCharsets.UTF_8);
    }
    return ContextVariables.requestSource(inv, source);
  }
}
