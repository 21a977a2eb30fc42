package dev.fogbank.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * An official AWS service model (the C2J JSON of {@code aws-java-sdk-models}), as extracted at
 * build time by {@link ModelExtractor}. It drives the protocol codecs: operation names, HTTP
 * bindings, member locations and names, flattening, timestamp formats and constraints.
 */
public final class ServiceModel {

  /** The model's {@code metadata}. */
  public record Metadata(
      String protocol,
      String apiVersion,
      String endpointPrefix,
      String signingName,
      String targetPrefix,
      String jsonVersion,
      String xmlNamespace,
      String serviceId,
      boolean awsQueryCompatible) {}

  /**
   * The element a REST-XML request body is rooted in, as the operation's input reference names it
   * ({@code "input": {"locationName": "CreateHostedZoneRequest", "xmlNamespace": {"uri": …}}}).
   */
  public record XmlRoot(String name, String namespace) {}

  private final Metadata metadata;
  private final Map<String, Operation> operations;
  private final Map<String, Shape> shapes;
  private final Map<String, XmlRoot> inputXmlRoots;

  private ServiceModel(
      Metadata metadata,
      Map<String, Operation> operations,
      Map<String, Shape> shapes,
      Map<String, XmlRoot> inputXmlRoots) {
    this.metadata = metadata;
    this.operations = operations;
    this.shapes = shapes;
    this.inputXmlRoots = inputXmlRoots;
  }

  /** Loads {@code fogbank/models/<name>.json} from the class path of {@code owner}. */
  public static ServiceModel load(Class<?> owner, String name) {
    String resource = "fogbank/models/" + name + ".json";
    try (InputStream in = owner.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("service model " + resource + " is not on the class path");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ServiceModel parse(JsonNode root) {
    JsonNode md = root.path("metadata");
    Metadata metadata =
        new Metadata(
            md.path("protocol").asText(),
            md.path("apiVersion").asText(),
            md.path("endpointPrefix").asText(),
            md.path("signingName").asText(md.path("endpointPrefix").asText()),
            md.path("targetPrefix").asText(null),
            md.path("jsonVersion").asText(null),
            md.path("xmlNamespace").isTextual()
                ? md.path("xmlNamespace").asText()
                : md.path("xmlNamespace").path("uri").asText(null),
            md.path("serviceId").asText(),
            md.has("awsQueryCompatible"));

    Map<String, Shape> shapes = new HashMap<>();
    root.path("shapes")
        .fields()
        .forEachRemaining(e -> shapes.put(e.getKey(), shape(e.getKey(), e.getValue())));
    root.path("shapes").fields().forEachRemaining(e -> members(shapes.get(e.getKey()), e.getValue()));
    for (Shape shape : shapes.values()) {
      shape.members.values().forEach(m -> resolve(shapes, m));
      for (Member m : new Member[] {shape.listMember, shape.mapKey, shape.mapValue}) {
        if (m != null) {
          resolve(shapes, m);
        }
      }
    }

    Map<String, Operation> operations = new LinkedHashMap<>();
    Map<String, XmlRoot> inputXmlRoots = new HashMap<>();
    root.path("operations")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode op = e.getValue();
              JsonNode http = op.path("http");
              JsonNode in = op.path("input");
              if (in.has("locationName") || in.has("xmlNamespace")) {
                inputXmlRoots.put(
                    e.getKey(),
                    new XmlRoot(
                        in.path("locationName").asText(null),
                        in.path("xmlNamespace").path("uri").asText(null)));
              }
              List<Shape> errors = new ArrayList<>();
              op.path("errors").forEach(err -> errors.add(shapes.get(err.path("shape").asText())));
              operations.put(
                  e.getKey(),
                  new Operation(
                      e.getKey(),
                      http.path("method").asText("POST"),
                      http.path("requestUri").asText("/"),
                      http.path("responseCode").asInt(200),
                      op.has("input") ? shapes.get(op.path("input").path("shape").asText()) : null,
                      op.has("output") ? shapes.get(op.path("output").path("shape").asText()) : null,
                      op.path("output").path("resultWrapper").asText(null),
                      List.copyOf(errors)));
            });
    return new ServiceModel(metadata, Collections.unmodifiableMap(operations), shapes, inputXmlRoots);
  }

  private static Shape shape(String name, JsonNode node) {
    Shape shape = new Shape(name, Shape.Type.of(node.path("type").asText()));
    shape.flattened = node.path("flattened").asBoolean(false);
    if (node.has("min")) {
      shape.min = node.path("min").asDouble();
    }
    if (node.has("max")) {
      shape.max = node.path("max").asDouble();
    }
    if (node.has("enum")) {
      List<String> values = new ArrayList<>();
      node.path("enum").forEach(v -> values.add(v.asText()));
      shape.enumValues = List.copyOf(values);
    }
    shape.pattern = node.path("pattern").asText(null);
    shape.timestampFormat = node.path("timestampFormat").asText(null);
    shape.payload = node.path("payload").asText(null);
    shape.exception = node.path("exception").asBoolean(false);
    shape.streaming = node.path("streaming").asBoolean(false);
    shape.union = node.path("union").asBoolean(false);
    shape.locationName = node.path("locationName").asText(null);
    shape.xmlNamespace = node.path("xmlNamespace").path("uri").asText(null);
    JsonNode error = node.path("error");
    if (error.isObject()) {
      shape.errorCode = error.path("code").asText(null);
      shape.errorStatus = error.path("httpStatusCode").asInt(400);
      shape.senderFault = error.path("senderFault").asBoolean(shape.errorStatus < 500);
    }
    if (node.has("required")) {
      LinkedHashSet<String> required = new LinkedHashSet<>();
      node.path("required").forEach(r -> required.add(r.asText()));
      shape.required = Collections.unmodifiableSet(required);
    }
    return shape;
  }

  private static void members(Shape shape, JsonNode node) {
    node.path("members").fields().forEachRemaining(e -> shape.members.put(e.getKey(), member(e.getKey(), e.getValue())));
    if (node.has("member")) {
      shape.listMember = member("member", node.path("member"));
    }
    if (node.has("key")) {
      shape.mapKey = member("key", node.path("key"));
    }
    if (node.has("value")) {
      shape.mapValue = member("value", node.path("value"));
    }
  }

  private static Member member(String name, JsonNode node) {
    Member m = new Member(name, node.path("shape").asText());
    m.location = node.path("location").asText(null);
    m.locationName = node.path("locationName").asText(null);
    m.flattened = node.path("flattened").asBoolean(false);
    m.xmlAttribute = node.path("xmlAttribute").asBoolean(false);
    m.xmlNamespace = node.path("xmlNamespace").path("uri").asText(null);
    m.timestampFormat = node.path("timestampFormat").asText(null);
    m.idempotencyToken = node.path("idempotencyToken").asBoolean(false);
    m.jsonValue = node.path("jsonvalue").asBoolean(false);
    m.hostLabel = node.path("hostLabel").asBoolean(false);
    return m;
  }

  private static void resolve(Map<String, Shape> shapes, Member m) {
    m.shape = shapes.get(m.shapeName);
    if (m.shape == null) {
      throw new IllegalStateException("member " + m.name + " targets unknown shape " + m.shapeName);
    }
  }

  public Metadata metadata() {
    return metadata;
  }

  public Map<String, Operation> operations() {
    return operations;
  }

  public Operation operation(String name) {
    return operations.get(name);
  }

  public Shape shape(String name) {
    return shapes.get(name);
  }

  /** The root element of the operation's REST-XML request body as the model names it, or null. */
  public XmlRoot inputXmlRoot(String operation) {
    return inputXmlRoots.get(operation);
  }

  /**
   * Wire names a service's query protocol uses that its current (JSON) model no longer records —
   * SQS moved from query to JSON and kept its query surface. Only query parameters and query XML
   * read these names; the JSON codecs never do.
   */
  public WirePatch patch() {
    return new WirePatch();
  }

  /** See {@link ServiceModel#patch()}. */
  public final class WirePatch {

    private WirePatch() {}

    /** The name of a structure member in query parameters and XML. */
    public WirePatch queryName(String shape, String member, String name) {
      memberOf(shape, member).queryName = name;
      return this;
    }

    /** The element/parameter name of a list's members. */
    public WirePatch listMemberName(String listShape, String name) {
      require(listShape).listMember.queryName = name;
      return this;
    }

    /** The names of a map's keys and values. */
    public WirePatch mapEntryNames(String mapShape, String key, String value) {
      Shape shape = require(mapShape);
      shape.mapKey.queryName = key;
      shape.mapValue.queryName = value;
      return this;
    }

    private Member memberOf(String shape, String member) {
      Member m = require(shape).members.get(member);
      if (m == null) {
        throw new IllegalArgumentException(shape + " has no member " + member);
      }
      return m;
    }

    private Shape require(String name) {
      Shape shape = shapes.get(name);
      if (shape == null) {
        throw new IllegalArgumentException("no shape " + name);
      }
      return shape;
    }
  }
}
