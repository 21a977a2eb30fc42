package dev.fogbank.apigw.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resource of a REST API: a path part under its parent ({@code users}, {@code {id}}, {@code
 * {proxy+}}) and the methods on it, each kept as the model's {@code Method} shape with its
 * {@code methodResponses} and {@code methodIntegration} (and that integration's {@code
 * integrationResponses}) nested, as GetMethod answers it.
 */
public final class ApiResource {

  private final String id;
  private String parentId;
  private String pathPart;
  private String path;
  private final Map<String, ObjectNode> methods = new LinkedHashMap<>();

  public ApiResource(String id, String parentId, String pathPart, String path) {
    this.id = id;
    this.parentId = parentId;
    this.pathPart = pathPart;
    this.path = path;
  }

  public String id() {
    return id;
  }

  public String parentId() {
    return parentId;
  }

  public String pathPart() {
    return pathPart;
  }

  public String path() {
    return path;
  }

  public void move(String parentId, String pathPart, String path) {
    this.parentId = parentId;
    this.pathPart = pathPart;
    this.path = path;
  }

  public void path(String path) {
    this.path = path;
  }

  /** Methods by HTTP verb ({@code GET}, {@code ANY}). */
  public Map<String, ObjectNode> methods() {
    return methods;
  }

  /** Whether the path part is a greedy {@code {name+}}. */
  public boolean greedy() {
    return pathPart != null && pathPart.startsWith("{") && pathPart.endsWith("+}");
  }

  /** Whether the path part is a {@code {name}} or {@code {name+}} variable. */
  public boolean variable() {
    return pathPart != null && pathPart.startsWith("{") && pathPart.endsWith("}");
  }

  /** The variable's name without braces and plus sign, or null. */
  public String variableName() {
    if (!variable()) {
      return null;
    }
    return pathPart.substring(1, pathPart.length() - (greedy() ? 2 : 1));
  }

  /** The model's {@code Resource} shape. */
  public ObjectNode toJson() {
    ObjectNode out = Json.object();
    out.put("id", id);
    if (parentId != null) {
      out.put("parentId", parentId);
    }
    if (pathPart != null) {
      out.put("pathPart", pathPart);
    }
    out.put("path", path);
    if (!methods.isEmpty()) {
      ObjectNode m = out.putObject("resourceMethods");
      methods.forEach((verb, method) -> m.set(verb, method.deepCopy()));
    }
    return out;
  }

  /** A frozen copy for a deployment. */
  public ApiResource copy() {
    ApiResource c = new ApiResource(id, parentId, pathPart, path);
    methods.forEach((k, v) -> c.methods.put(k, v.deepCopy()));
    return c;
  }
}
