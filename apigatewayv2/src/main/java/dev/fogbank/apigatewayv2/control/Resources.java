package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.V2Errors;
import dev.fogbank.apigatewayv2.api.Ids;
import dev.fogbank.core.protocol.Json;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The pattern every API Gateway v2 sub-resource follows: created from its request's body members
 * plus an id, read back as stored, updated by replacing the members a PATCH names, listed as
 * {@code Items}.
 */
final class Resources {


  private Resources() {}

  /**
   * A new resource from a request's body members, under a fresh id. The members bound to the URI
   * ({@code ApiId}, the resource's own id, a parent's id such as the {@code RouteId} of a route
   * response) name the resource and are not copied.
   */
  static ObjectNode create(Map<String, ObjectNode> into, String idMember, int idLength, ObjectNode input, String... parentIds) {
    ObjectNode resource = Json.object();
    String id = Ids.next(idLength);
    resource.put(idMember, id);
    copyBody(input, resource, idMember, parentIds);
    into.put(id, resource);
    return resource;
  }

  /** Replaces the members a PATCH names. */
  static void update(ObjectNode stored, ObjectNode input, String idMember, String... parentIds) {
    copyBody(input, stored, idMember, parentIds);
  }

  private static void copyBody(ObjectNode from, ObjectNode to, String idMember, String... parentIds) {
    Set<String> uriMembers = new java.util.HashSet<>(java.util.List.of(parentIds));
    uriMembers.add("ApiId");
    uriMembers.add(idMember);
    Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (!uriMembers.contains(f.getKey())) {
        to.set(f.getKey(), f.getValue().deepCopy());
      }
    }
  }

  static ObjectNode get(Map<String, ObjectNode> from, String id, String kind, String account) {
    ObjectNode resource = id == null ? null : from.get(id);
    if (resource == null) {
      throw V2Errors.notFound(kind, account, id);
    }
    return resource;
  }

  static ObjectNode remove(Map<String, ObjectNode> from, String id, String kind, String account) {
    ObjectNode resource = from.remove(id);
    if (resource == null) {
      throw V2Errors.notFound(kind, account, id);
    }
    return resource;
  }

  /**
   * One page of {@code {"Items": [...], "NextToken": …}}: {@code MaxResults} items from where
   * {@code NextToken} left off (all when no MaxResults), copies so that the codec never reads a
   * resource being changed.
   */
  static ObjectNode items(Collection<ObjectNode> resources, ObjectNode in) {
    int max = Integer.MAX_VALUE;
    String maxText = text(in, "MaxResults");
    if (maxText != null) {
      try {
        max = Integer.parseInt(maxText);
      } catch (NumberFormatException e) {
        max = -1;
      }
      if (max < 1) {
        throw V2Errors.badRequest("Invalid MaxResults: " + maxText);
      }
    }
    int from = 0;
    String token = text(in, "NextToken");
    if (token != null) {
      try {
        from = Integer.parseInt(new String(java.util.Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        from = -1;
      }
      if (from < 0) {
        throw V2Errors.badRequest("Invalid NextToken");
      }
    }
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("Items");
    int index = 0;
    for (ObjectNode r : resources) {
      if (index >= from && items.size() < max) {
        items.add(r.deepCopy());
      }
      index++;
    }
    if (from + items.size() < resources.size()) {
      String next = String.valueOf(from + items.size());
      out.put("NextToken", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(next.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return out;
  }

  static String text(ObjectNode input, String member) {
    JsonNode v = input.get(member);
    return v == null || v.isNull() ? null : v.asText();
  }
}
