package dev.fogbank.core.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.error.CommonErrors;
import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import dev.fogbank.core.protocol.xml.XmlWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The AWS query protocol: form parameters in ({@code Action=SendMessage&QueueUrl=…}, POST body or
 * GET query string), XML out ({@code <SendMessageResponse><SendMessageResult>…}).
 *
 * <p>Parameter names follow the query serialisation rules: nested structures as {@code A.B},
 * lists as {@code Name.member.N} (flattened: {@code Name.N}, the member's own name replacing
 * {@code Name} when it has one), maps as {@code Name.entry.N.key/value} (flattened: {@code
 * Name.N.key/value}), indices from 1.
 */
public final class QueryCodec implements ProtocolCodec {

  private final ServiceModel model;
  private final String xmlns;

  public QueryCodec(ServiceModel model) {
    this.model = model;
    String ns = model.metadata().xmlNamespace();
    this.xmlns =
        ns != null
            ? ns
            : "http://" + model.metadata().endpointPrefix() + ".amazonaws.com/doc/" + model.metadata().apiVersion() + "/";
  }

  @Override
  public Protocol protocol() {
    return Protocol.QUERY;
  }

  @Override
  public String operationName(AwsRequest request) {
    return request.formParameters().get("Action");
  }

  @Override
  public ObjectNode decode(AwsRequest request, Operation operation) {
    NavigableMap<String, String> params = request.formParameters();
    ObjectNode input = Json.object();
    if (operation.input() != null) {
      structure(operation.input(), "", params, input);
    }
    return input;
  }

  private void structure(Shape shape, String prefix, NavigableMap<String, String> params, ObjectNode out) {
    for (Map.Entry<String, Member> e : shape.members().entrySet()) {
      Member m = e.getValue();
      String name = prefix + m.queryName();
      JsonNode value = value(m, name, params);
      if (value != null) {
        out.set(m.name(), value);
      }
    }
  }

  private JsonNode value(Member m, String name, NavigableMap<String, String> params) {
    Shape shape = m.shape();
    switch (shape.type()) {
      case STRUCTURE -> {
        if (!hasPrefix(params, name + ".")) {
          return null;
        }
        ObjectNode node = Json.object();
        structure(shape, name + ".", params, node);
        return node;
      }
      case LIST -> {
        Member item = shape.listMember();
        String base;
        if (m.flattened()) {
          String itemName = item.explicitQueryName();
          base = itemName == null ? name : replaceLast(name, itemName);
        } else {
          base = name + ".member";
        }
        if (!hasPrefix(params, base + ".")) {
          // An empty list is sent as the bare name with an empty value.
          return params.containsKey(name) && params.get(name).isEmpty() ? Json.NODES.arrayNode() : null;
        }
        ArrayNode array = Json.NODES.arrayNode();
        for (int i = 1; ; i++) {
          JsonNode v = value(item, base + "." + i, params);
          if (v == null) {
            break;
          }
          array.add(v);
        }
        return array;
      }
      case MAP -> {
        String base = m.flattened() ? name : name + ".entry";
        if (!hasPrefix(params, base + ".")) {
          return null;
        }
        String keyName = nameOr(shape.mapKey(), "key");
        String valueName = nameOr(shape.mapValue(), "value");
        ObjectNode map = Json.object();
        for (int i = 1; ; i++) {
          String key = params.get(base + "." + i + "." + keyName);
          if (key == null) {
            if (!hasPrefix(params, base + "." + i + ".")) {
              break;
            }
            continue;
          }
          JsonNode v = value(shape.mapValue(), base + "." + i + "." + valueName, params);
          if (v != null) {
            map.set(key, v);
          }
        }
        return map;
      }
      default -> {
        String text = params.get(name);
        return text == null ? null : scalar(shape, name, text);
      }
    }
  }

  private static JsonNode scalar(Shape shape, String name, String text) {
    try {
      return switch (shape.type()) {
        case INTEGER -> Json.NODES.numberNode(Integer.parseInt(text.trim()));
        case LONG -> Json.NODES.numberNode(Long.parseLong(text.trim()));
        case FLOAT, DOUBLE -> Json.NODES.numberNode(Double.parseDouble(text.trim()));
        case BIGDECIMAL -> Json.NODES.numberNode(new BigDecimal(text.trim()));
        case BOOLEAN -> {
          if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new NumberFormatException();
          }
          yield Json.NODES.booleanNode(Boolean.parseBoolean(text));
        }
        case TIMESTAMP -> Json.NODES.numberNode(timestamp(text) / 1000.0);
        default -> Json.NODES.textNode(text);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw CommonErrors.invalidParameterValue(
          "Value (" + text + ") for parameter " + name + " is invalid. Expected: '" + typeWord(shape) + "'.");
    }
  }

  private static String typeWord(Shape shape) {
    return switch (shape.type()) {
      case BOOLEAN -> "boolean";
      case TIMESTAMP -> "timestamp";
      case INTEGER, LONG -> "integer";
      default -> "number";
    };
  }

  private static long timestamp(String text) {
    if (text.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
      return (long) (Double.parseDouble(text) * 1000);
    }
    return Instant.parse(text).toEpochMilli();
  }

  private static String nameOr(Member m, String fallback) {
    String n = m.explicitQueryName();
    return n == null ? fallback : n;
  }

  private static String replaceLast(String name, String last) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? last : name.substring(0, dot + 1) + last;
  }

  private static boolean hasPrefix(NavigableMap<String, String> params, String prefix) {
    String next = params.ceilingKey(prefix);
    return next != null && next.startsWith(prefix);
  }

  // ---------------------------------------------------------------- output

  @Override
  public AwsResponse encode(RequestContext ctx, Operation operation, JsonNode output) {
    XmlWriter xml = new XmlWriter();
    String response = operation.name() + "Response";
    xml.declaration().start(response, xmlns);
    if (operation.output() != null) {
      String wrapper = operation.resultWrapper() != null ? operation.resultWrapper() : operation.name() + "Result";
      xml.start(wrapper);
      if (output != null) {
        structureXml(xml, operation.output(), output);
      }
      xml.end(wrapper);
    }
    xml.start("ResponseMetadata").element("RequestId", ctx.requestId()).end("ResponseMetadata");
    xml.end(response);
    return AwsResponse.of(200, "text/xml", xml.bytes());
  }

  private static void structureXml(XmlWriter xml, Shape shape, JsonNode node) {
    for (Map.Entry<String, Member> e : shape.members().entrySet()) {
      JsonNode value = node.get(e.getKey());
      if (value != null && !value.isNull()) {
        memberXml(xml, e.getValue(), e.getValue().queryName(), value);
      }
    }
  }

  private static void memberXml(XmlWriter xml, Member m, String name, JsonNode value) {
    Shape shape = m.shape();
    switch (shape.type()) {
      case STRUCTURE -> {
        xml.start(name);
        structureXml(xml, shape, value);
        xml.end(name);
      }
      case LIST -> {
        Member item = shape.listMember();
        if (m.flattened()) {
          String itemName = item.explicitQueryName() != null ? item.explicitQueryName() : name;
          for (JsonNode v : value) {
            memberXml(xml, item, itemName, v);
          }
        } else {
          String itemName = item.explicitQueryName() != null ? item.explicitQueryName() : "member";
          xml.start(name);
          for (JsonNode v : value) {
            memberXml(xml, item, itemName, v);
          }
          xml.end(name);
        }
      }
      case MAP -> {
        String keyName = nameOr(shape.mapKey(), "key");
        String valueName = nameOr(shape.mapValue(), "value");
        if (!m.flattened()) {
          xml.start(name);
        }
        String entry = m.flattened() ? name : "entry";
        value.fields()
            .forEachRemaining(
                f -> {
                  xml.start(entry).element(keyName, f.getKey());
                  memberXml(xml, shape.mapValue(), valueName, f.getValue());
                  xml.end(entry);
                });
        if (!m.flattened()) {
          xml.end(name);
        }
      }
      case TIMESTAMP -> xml.element(name, isoTimestamp(value));
      default -> xml.element(name, value.asText());
    }
  }

  static String isoTimestamp(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    return Instant.ofEpochMilli((long) (value.asDouble() * 1000)).toString();
  }

  @Override
  public AwsResponse encodeError(RequestContext ctx, AwsException error) {
    XmlWriter xml = new XmlWriter();
    xml.declaration()
        .start("ErrorResponse", xmlns)
        .start("Error")
        .element("Type", error.senderFault() ? "Sender" : "Receiver")
        .element("Code", error.queryCode())
        .element("Message", error.getMessage());
    if (model.metadata().awsQueryCompatible()) {
      // SQS's query errors carry an empty <Detail/>; SNS's and the other query services' do not.
      xml.empty("Detail");
    }
    xml.end("Error").element("RequestId", ctx.requestId()).end("ErrorResponse");
    return AwsResponse.of(error.status(), "text/xml", xml.bytes());
  }

  /** Operation names of this model, for routing an {@code Action} to its service. */
  public List<String> actions() {
    return List.copyOf(model.operations().keySet());
  }
}
