package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.state.ApiResource;
import dev.fogbank.apigw.state.Deployed;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployment's resource tree indexed for requests. A path segment matches a literal child
 * first, then the {@code {param}} child, then the greedy {@code {proxy+}} child, backtracking when
 * the more specific branch leads nowhere — API Gateway's "most specific resource wins". The
 * resource is chosen by the path alone; then the method matches its verb, else {@code ANY}.
 */
public final class RouteTable {

  /** A matched resource and method, with the path parameters the request gave. */
  public record Route(ApiResource resource, ObjectNode method, Map<String, String> pathParameters) {}

  private record Node(ApiResource resource, Map<String, Node> literals, List<Node> variables) {}

  private final Node root;

  public RouteTable(Deployed deployed) {
    Map<String, Node> nodes = new HashMap<>();
    for (ApiResource r : deployed.resources().values()) {
      nodes.put(r.id(), new Node(r, new HashMap<>(), new ArrayList<>()));
    }
    for (Node n : nodes.values()) {
      Node parent = n.resource().parentId() == null ? null : nodes.get(n.resource().parentId());
      if (parent == null) {
        continue;
      }
      if (n.resource().variable()) {
        parent.variables().add(n);
        // a {param} before a greedy {param+}: only one variable per level exists in practice
        parent.variables().sort((a, b) -> Boolean.compare(a.resource().greedy(), b.resource().greedy()));
      } else {
        parent.literals().put(n.resource().pathPart(), n);
      }
    }
    ApiResource rootResource = deployed.root();
    this.root = rootResource == null ? null : nodes.get(rootResource.id());
  }

  /** The route for a method and a raw path under the stage, or null (API Gateway's 403). */
  public Route match(String httpMethod, String rawPath) {
    if (root == null) {
      return null;
    }
    List<String> segments = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        segments.add(s.indexOf('%') < 0 ? s : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    Node node = find(root, segments, 0, params);
    if (node == null) {
      return null;
    }
    ObjectNode method = method(node.resource(), httpMethod);
    // The resource is chosen by path alone; a resource without the verb (or ANY) is not found.
    return method == null ? null : new Route(node.resource(), method, params);
  }

  private static ObjectNode method(ApiResource r, String verb) {
    ObjectNode m = r.methods().get(verb);
    return m != null ? m : r.methods().get("ANY");
  }

  private Node find(Node node, List<String> segments, int i, Map<String, String> params) {
    if (i == segments.size()) {
      return node;
    }
    String segment = segments.get(i);
    Node literal = node.literals().get(segment);
    if (literal != null) {
      Node found = find(literal, segments, i + 1, params);
      if (found != null) {
        return found;
      }
    }
    for (Node v : node.variables()) {
      ApiResource r = v.resource();
      if (r.greedy()) {
        params.put(r.variableName(), String.join("/", segments.subList(i, segments.size())));
        return v;
      }
      params.put(r.variableName(), segment);
      Node found = find(v, segments, i + 1, params);
      if (found != null) {
        return found;
      }
      params.remove(r.variableName());
    }
    return null;
  }
}
