package dev.fogbank.sqs.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sqs.SqsModule;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * One SQS protocol spoken over plain HTTP, so that one scenario runs over JSON 1.0 and over the
 * query protocol. The input is the operation's tree (model member names); the query client
 * serialises it the way the query model names parameters ({@code Attribute.1.Name}, {@code
 * SendMessageBatchRequestEntry.1.Id}).
 */
abstract class WireClient {

  /** An answer: status, the error code a client sees (query {@code <Code>} / JSON {@code x-amzn-query-error}), the body. */
  record Reply(int status, String errorCode, String errorType, String body, Map<String, List<String>> fields) {
    String text(String field) {
      List<String> values = fields.get(field);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> texts(String field) {
      return fields.getOrDefault(field, List.of());
    }

    boolean ok() {
      return status == 200;
    }
  }

  static final ServiceModel MODEL = new SqsModule().model();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final URI endpoint;

  WireClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  abstract Reply call(String action, ObjectNode input);

  static ObjectNode in() {
    return Json.object();
  }

  static HttpResponse<String> post(URI uri, String contentType, Map<String, String> headers, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** JSON 1.0, as current SDKs speak it. */
  static final class JsonWire extends WireClient {
    JsonWire(URI endpoint) {
      super(endpoint);
    }

    @Override
    Reply call(String action, ObjectNode input) {
      HttpResponse<String> r = post(endpoint, "application/x-amz-json-1.0",
          Map.of("X-Amz-Target", "AmazonSQS." + action), Json.text(input));
      String code = null;
      String type = null;
      String header = r.headers().firstValue("x-amzn-query-error").orElse(null);
      if (header != null) {
        code = header.substring(0, header.indexOf(';'));
        type = header.substring(header.indexOf(';') + 1);
      }
      Map<String, List<String>> fields = new LinkedHashMap<>();
      if (!r.body().isEmpty()) {
        collect(Json.parse(r.body()), null, fields);
      }
      return new Reply(r.statusCode(), code, type, r.body(), fields);
    }

    private static void collect(JsonNode node, String name, Map<String, List<String>> fields) {
      if (node.isObject()) {
        node.fields().forEachRemaining(e -> collect(e.getValue(), e.getKey(), fields));
      } else if (node.isArray()) {
        node.forEach(v -> collect(v, name, fields));
      } else if (name != null) {
        fields.computeIfAbsent(name, k -> new ArrayList<>()).add(node.asText());
      }
    }
  }

  /** The query protocol: a form POST, XML back. */
  static final class QueryWire extends WireClient {
    private final String path;

    QueryWire(URI endpoint) {
      this(endpoint, "/");
    }

    QueryWire(URI endpoint, String path) {
      super(endpoint);
      this.path = path;
    }

    @Override
    Reply call(String action, ObjectNode input) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("Action", action);
      params.put("Version", "2012-11-05");
      flatten(MODEL.operation(action).input(), input, "", params);
      String form = params.entrySet().stream()
          .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
          .collect(Collectors.joining("&"));
      HttpResponse<String> r = post(endpoint.resolve(path), "application/x-www-form-urlencoded; charset=utf-8", Map.of(), form);
      Map<String, List<String>> fields = new LinkedHashMap<>();
      Document doc = parse(r.body());
      collect(doc.getDocumentElement(), fields);
      return new Reply(r.statusCode(), r.statusCode() == 200 ? null : first(fields, "Code"), first(fields, "Type"), r.body(), fields);
    }

    private static String first(Map<String, List<String>> fields, String name) {
      List<String> v = fields.get(name);
      return v == null ? null : v.get(0);
    }

    private static String enc(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Document parse(String xml) {
      try {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      } catch (Exception e) {
        throw new IllegalStateException("not XML: " + xml, e);
      }
    }

    private static void collect(org.w3c.dom.Element e, Map<String, List<String>> fields) {
      NodeList children = e.getChildNodes();
      boolean leaf = true;
      for (int i = 0; i < children.getLength(); i++) {
        if (children.item(i) instanceof org.w3c.dom.Element child) {
          leaf = false;
          collect(child, fields);
        }
      }
      if (leaf) {
        fields.computeIfAbsent(e.getTagName(), k -> new ArrayList<>()).add(e.getTextContent());
      }
      // <Attribute><Name>X</Name><Value>v</Value></Attribute> also as X=v, like the JSON map
      if (children.getLength() > 0 && (e.getTagName().equals("Attribute") || e.getTagName().equals("Tag"))) {
        NodeList names = e.getElementsByTagName(e.getTagName().equals("Tag") ? "Key" : "Name");
        NodeList values = e.getElementsByTagName("Value");
        if (names.getLength() == 1 && values.getLength() == 1) {
          fields.computeIfAbsent(names.item(0).getTextContent(), k -> new ArrayList<>()).add(values.item(0).getTextContent());
        }
      }
    }

    /** The query serialisation of an input tree (the inverse of the server's decoding). */
    static void flatten(Shape shape, JsonNode node, String prefix, Map<String, String> out) {
      for (Map.Entry<String, Member> e : shape.members().entrySet()) {
        JsonNode value = node.get(e.getKey());
        if (value != null) {
          value(e.getValue(), prefix + e.getValue().queryName(), value, out);
        }
      }
    }

    private static void value(Member m, String name, JsonNode value, Map<String, String> out) {
      Shape shape = m.shape();
      switch (shape.type()) {
        case STRUCTURE -> flatten(shape, value, name + ".", out);
        case LIST -> {
          Member item = shape.listMember();
          String base;
          if (m.flattened()) {
            String itemName = item.explicitQueryName();
            int dot = name.lastIndexOf('.');
            base = itemName == null ? name : (dot < 0 ? itemName : name.substring(0, dot + 1) + itemName);
          } else {
            base = name + ".member";
          }
          int i = 1;
          for (JsonNode v : value) {
            value(item, base + "." + i++, v, out);
          }
        }
        case MAP -> {
          String base = m.flattened() ? name : name + ".entry";
          String key = shape.mapKey().explicitQueryName() == null ? "key" : shape.mapKey().explicitQueryName();
          String val = shape.mapValue().explicitQueryName() == null ? "value" : shape.mapValue().explicitQueryName();
          int[] i = {1};
          value.fields().forEachRemaining(f -> {
            out.put(base + "." + i[0] + "." + key, f.getKey());
            value(shape.mapValue(), base + "." + i[0] + "." + val, f.getValue(), out);
            i[0]++;
          });
        }
        default -> out.put(name, value.asText());
      }
    }
  }
}
