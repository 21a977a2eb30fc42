package dev.fogbank.apigw.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayEngine;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.apigw.state.ApiResource;
import dev.fogbank.apigw.state.Ids;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The resource tree: CreateResource, GetResource(s), UpdateResource (move or rename), and
 * DeleteResource (with everything under it). A path part is a literal, a {@code {name}} variable
 * or a greedy {@code {name+}} that must be the last of its branch.
 */
public final class ResourceOperations {

  /** API Gateway's rule for a path part (its error message says the same). */
  private static final Pattern PATH_PART = Pattern.compile("[a-zA-Z0-9._:\\-]+|\\{[a-zA-Z0-9._\\-]+\\+?}");

  private final ApiGatewayEngine engine;

  public ResourceOperations(ApiGatewayEngine engine) {
    this.engine = engine;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("CreateResource", this::create);
    map.put("GetResource", this::get);
    map.put("GetResources", this::list);
    map.put("UpdateResource", this::update);
    map.put("DeleteResource", this::delete);
  }

  public static ApiResource resource(RestApi api, String id) {
    ApiResource r = api.resources.get(id);
    if (r == null) {
      throw ApiGatewayErrors.resourceNotFound();
    }
    return r;
  }

  private JsonNode create(RequestContext ctx, ObjectNode in) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    synchronized (api) {
      return create(api, in.path("parentId").asText(), in.path("pathPart").asText()).toJson();
    }
  }

  /** A new child of {@code parentId}; the caller holds the API's lock. */
  public static ApiResource create(RestApi api, String parentId, String pathPart) {
    ApiResource parent = resource(api, parentId);
    check(api, parent, pathPart, null);
    String id = Ids.shortId();
    while (api.resources.containsKey(id)) {
      id = Ids.shortId();
    }
    ApiResource r = new ApiResource(id, parent.id(), pathPart, join(parent.path(), pathPart));
    api.resources.put(id, r);
    return r;
  }

  private static String join(String parentPath, String pathPart) {
    return parentPath.equals("/") ? "/" + pathPart : parentPath + "/" + pathPart;
  }

  private static void check(RestApi api, ApiResource parent, String pathPart, String self) {
    if (!PATH_PART.matcher(pathPart).matches()) {
      throw ApiGatewayErrors.badRequest(
          "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.");
    }
    if (parent.greedy()) {
      throw ApiGatewayErrors.badRequest("Cannot create a child of a resource with a greedy path variable: " + parent.pathPart());
    }
    boolean variable = pathPart.startsWith("{");
    for (ApiResource sibling : api.resources.values()) {
      if (!parent.id().equals(sibling.parentId()) || sibling.id().equals(self)) {
        continue;
      }
      if (sibling.pathPart().equals(pathPart)) {
        throw ApiGatewayErrors.conflict("Another resource with the same parent already has this name: " + pathPart);
      }
      if (variable && sibling.variable()) {
        throw ApiGatewayErrors.badRequest(
            "A sibling (" + sibling.pathPart() + ") of this resource already has a variable path part -- only one is allowed");
      }
    }
  }

  private JsonNode get(RequestContext ctx, ObjectNode in) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    synchronized (api) {
      ObjectNode out = resource(api, in.path("resourceId").asText()).toJson();
      return embedded(in) ? out : summarized(out);
    }
  }

  private static boolean embedded(ObjectNode in) {
    for (JsonNode e : in.path("embed")) {
      if (e.asText().equals("methods")) {
        return true;
      }
    }
    return false;
  }

  /** Without {@code embed=methods} a resource lists its methods' verbs with empty bodies. */
  private static ObjectNode summarized(ObjectNode resource) {
    JsonNode methods = resource.get("resourceMethods");
    if (methods != null) {
      ObjectNode empty = resource.putObject("resourceMethods");
      methods.fieldNames().forEachRemaining(empty::putObject);
    }
    return resource;
  }

  private JsonNode list(RequestContext ctx, ObjectNode in) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    List<ObjectNode> all = new ArrayList<>();
    boolean embed = embedded(in);
    synchronized (api) {
      for (ApiResource r : api.resources.values()) {
        all.add(embed ? r.toJson() : summarized(r.toJson()));
      }
    }
    return Paging.page(all, in);
  }

  private JsonNode update(RequestContext ctx, ObjectNode in) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    synchronized (api) {
      ApiResource r = resource(api, in.path("resourceId").asText());
      String parentId = r.parentId();
      String pathPart = r.pathPart();
      for (Patch.Operation op : Patch.operations(in)) {
        if (!op.op().equals("replace") || op.path().size() != 1) {
          throw Patch.invalidPath(op);
        }
        switch (op.path().get(0)) {
          case "pathPart" -> pathPart = op.value();
          case "parentId" -> parentId = op.value();
          default -> throw Patch.invalidPath(op);
        }
      }
      if (parentId == null) {
        throw ApiGatewayErrors.badRequest("Cannot update the root resource");
      }
      ApiResource parent = resource(api, parentId);
      check(api, parent, pathPart, r.id());
      r.move(parentId, pathPart, join(parent.path(), pathPart));
      repath(api, r);
      return r.toJson();
    }
  }

  private static void repath(RestApi api, ApiResource moved) {
    for (ApiResource child : api.resources.values()) {
      if (moved.id().equals(child.parentId())) {
        child.path(join(moved.path(), child.pathPart()));
        repath(api, child);
      }
    }
  }

  private JsonNode delete(RequestContext ctx, ObjectNode in) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    synchronized (api) {
      ApiResource r = resource(api, in.path("resourceId").asText());
      if (r.parentId() == null) {
        throw ApiGatewayErrors.badRequest("Cannot delete root resource");
      }
      remove(api, r.id());
    }
    return null;
  }

  private static void remove(RestApi api, String id) {
    List<String> children = new ArrayList<>();
    for (ApiResource c : api.resources.values()) {
      if (id.equals(c.parentId())) {
        children.add(c.id());
      }
    }
    children.forEach(c -> remove(api, c));
    api.resources.remove(id);
  }
}
