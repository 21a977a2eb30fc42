package dev.fogbank.core.protocol.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The HTTP bindings both REST protocols share: input members bound to the path ({@code uri}), the
 * query string ({@code querystring}), one header ({@code header}) or a header prefix ({@code
 * headers}); output members bound to headers and to the status code ({@code statusCode}). What
 * travels in the body is each protocol's own business.
 */
public final class HttpBindings {

  private final ServiceModel model;
  private final Function<String, AwsException> malformed;

  /** @param malformed the protocol's error for a value that does not parse as its type */
  public HttpBindings(ServiceModel model, Function<String, AwsException> malformed) {
    this.model = model;
    this.malformed = malformed;
  }

  /** Whether the member travels in the body (or is the body, as the payload). */
  public static boolean inBody(Member m) {
    return m.location() == null;
  }

  /** The member's wire name: its {@code locationName}, else its name. */
  public static String wireName(Member m) {
    return m.locationName() != null ? m.locationName() : m.name();
  }

  // ---------------------------------------------------------------- input

  /** Sets every member bound to the path, query string or headers into {@code input}. */
  public void decode(Operation operation, AwsRequest request, Map<String, String> labels, ObjectNode input) {
    Shape shape = operation.input();
    if (shape == null) {
      return;
    }
    // Parameters the URI template fixes (ImportRestApi's ?mode=import) belong to no member.
    UriTemplate template = OperationMatcher.of(model).template(operation);
    Set<String> boundQuery = new HashSet<>(template == null ? Set.of() : template.literalQuery().keySet());
    for (Member m : shape.members().values()) {
      if ("querystring".equals(m.location()) && m.shape().type() != Shape.Type.MAP) {
        boundQuery.add(wireName(m));
      }
    }
    for (Member m : shape.members().values()) {
      String location = m.location();
      if (location == null) {
        continue;
      }
      JsonNode value =
          switch (location) {
            case "uri" -> {
              String text = labels.get(wireName(m));
              yield text == null ? null : scalar(m, text, location);
            }
            case "querystring" -> query(m, request.query(), boundQuery);
            case "header" -> header(m, request);
            case "headers" -> prefixHeaders(m, request);
            default -> null;
          };
      if (value != null) {
        input.set(m.name(), value);
      }
    }
  }

  private JsonNode query(Member m, Map<String, List<String>> params, Set<String> bound) {
    Shape shape = m.shape();
    if (shape.type() == Shape.Type.MAP) {
      // A map bound to the query string takes every parameter no other member names.
      ObjectNode map = Json.object();
      boolean listValues = shape.mapValue().shape().type() == Shape.Type.LIST;
      for (Map.Entry<String, List<String>> e : params.entrySet()) {
        if (bound.contains(e.getKey()) || e.getValue().isEmpty()) {
          continue;
        }
        if (listValues) {
          ArrayNode values = map.putArray(e.getKey());
          e.getValue().forEach(values::add);
        } else {
          map.put(e.getKey(), e.getValue().get(0));
        }
      }
      return map.isEmpty() ? null : map;
    }
    List<String> values = params.get(wireName(m));
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (shape.type() == Shape.Type.LIST) {
      ArrayNode array = Json.NODES.arrayNode();
      for (String v : values) {
        array.add(scalar(shape.listMember(), m, v, "querystring"));
      }
      return array;
    }
    return scalar(m, values.get(0), "querystring");
  }

  private JsonNode header(Member m, AwsRequest request) {
    List<String> values = request.headers().getAll(wireName(m));
    if (values.isEmpty()) {
      return null;
    }
    String text = values.size() == 1 ? values.get(0) : String.join(",", values);
    if (m.shape().type() == Shape.Type.LIST) {
      ArrayNode array = Json.NODES.arrayNode();
      for (String part : text.split(",")) {
        String item = part.trim();
        if (item.length() > 1 && item.startsWith("\"") && item.endsWith("\"")) {
          item = item.substring(1, item.length() - 1);
        }
        array.add(scalar(m.shape().listMember(), m, item, "header"));
      }
      return array;
    }
    return scalar(m, text, "header");
  }

  private static JsonNode prefixHeaders(Member m, AwsRequest request) {
    String prefix = wireName(m).toLowerCase(Locale.ROOT);
    ObjectNode map = Json.object();
    for (Map.Entry<String, String> h : request.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith(prefix)) {
        map.put(name.substring(prefix.length()), h.getValue());
      }
    }
    return map.isEmpty() ? null : map;
  }

  private JsonNode scalar(Member m, String text, String location) {
    return scalar(m, m, text, location);
  }

  /**
   * One value from the path, the query string or a header, typed as the tree wants it.
   *
   * @param typed the member whose shape gives the type (a list's member for list items)
   * @param bound the member bound to the location (whose timestamp format and jsonvalue apply)
   */
  private JsonNode scalar(Member typed, Member bound, String text, String location) {
    Shape shape = typed.shape();
    try {
      return switch (shape.type()) {
        case INTEGER, LONG -> Json.NODES.numberNode(Long.parseLong(text.trim()));
        case FLOAT, DOUBLE -> Json.NODES.numberNode(Double.parseDouble(text.trim()));
        case BIGDECIMAL -> Json.NODES.numberNode(new BigDecimal(text.trim()));
        case BOOLEAN -> {
          String t = text.trim();
          if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException();
          }
          yield Json.NODES.booleanNode(Boolean.parseBoolean(t));
        }
        case TIMESTAMP -> {
          String format = bound.timestampFormat();
          if (format == null || typed != bound) {
            format = typed.timestampFormat();
          }
          yield Timestamps.node(
              Timestamps.parse(text, format != null ? format : Timestamps.defaultFor(location, false)));
        }
        case STRING -> {
          if (bound.jsonValue() && "header".equals(location)) {
            // A jsonvalue header carries its JSON base64-encoded; the tree holds the JSON text.
            yield Json.NODES.textNode(new String(Base64.getDecoder().decode(text.trim()), StandardCharsets.UTF_8));
          }
          yield Json.NODES.textNode(text);
        }
        default -> Json.NODES.textNode(text);
      };
    } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
      throw malformed.apply(
          "Value '" + text + "' for " + location + " member " + wireName(bound) + " is not a valid " + typeWord(shape) + ".");
    }
  }

  private static String typeWord(Shape shape) {
    return switch (shape.type()) {
      case INTEGER, LONG -> "integer";
      case FLOAT, DOUBLE, BIGDECIMAL -> "number";
      case BOOLEAN -> "boolean";
      case TIMESTAMP -> "timestamp";
      case STRING -> "base64-encoded JSON value";
      default -> shape.type().name().toLowerCase(Locale.ROOT);
    };
  }

  // ---------------------------------------------------------------- output

  /**
   * The status of a success: the output's {@code statusCode} member when it has a value (Lambda's
   * Invoke answers 202 for {@code Event}), else the operation's {@code http.responseCode}.
   */
  public static int status(Operation operation, JsonNode output) {
    Shape shape = operation.output();
    if (shape != null && output != null) {
      for (Member m : shape.members().values()) {
        if ("statusCode".equals(m.location())) {
          JsonNode v = output.get(m.name());
          if (v != null && v.canConvertToInt()) {
            return v.asInt();
          }
        }
      }
    }
    return operation.responseCode();
  }

  /** Sets the output's header-bound members on the response. */
  public static void encodeHeaders(Shape shape, JsonNode output, AwsResponse response) {
    if (shape == null || output == null) {
      return;
    }
    for (Member m : shape.members().values()) {
      JsonNode v = output.get(m.name());
      if (v == null || v.isNull()) {
        continue;
      }
      if ("header".equals(m.location())) {
        response.withHeader(wireName(m), headerValue(m, v));
      } else if ("headers".equals(m.location())) {
        String prefix = wireName(m);
        v.fields().forEachRemaining(e -> response.withHeader(prefix + e.getKey(), e.getValue().asText()));
      }
    }
  }

  private static String headerValue(Member m, JsonNode v) {
    Shape shape = m.shape();
    return switch (shape.type()) {
      case TIMESTAMP -> Timestamps.format(v, m.timestampFormat() != null ? m.timestampFormat() : Timestamps.RFC822);
      case LIST -> {
        StringBuilder sb = new StringBuilder();
        for (JsonNode item : v) {
          if (!sb.isEmpty()) {
            sb.append(',');
          }
          sb.append(
              shape.listMember().shape().type() == Shape.Type.TIMESTAMP
                  ? Timestamps.format(item, Timestamps.RFC822)
                  : item.asText());
        }
        yield sb.toString();
      }
      case STRING ->
          m.jsonValue()
              ? Base64.getEncoder().encodeToString(jsonText(v).getBytes(StandardCharsets.UTF_8))
              : v.asText();
      default -> v.asText();
    };
  }

  private static String jsonText(JsonNode v) {
    return v.isTextual() ? v.asText() : Json.text(v);
  }
}
