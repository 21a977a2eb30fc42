package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.V2Errors;
import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.apigatewayv2.api.Deployment;
import dev.fogbank.apigatewayv2.api.Ids;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * ImportApi, ReimportApi and ExportApi for HTTP APIs: OpenAPI 3.0 in (JSON or YAML), OpenAPI 3.0
 * out ({@code OAS30}, as JSON or YAML), of the current configuration or of a stage's deployment.
 */
public final class OpenApiOperations {

  private final ApiStore store;
  private final Clock clock;
  private final ApiOperations apis;

  public OpenApiOperations(ApiStore store, Clock clock, ApiOperations apis) {
    this.store = store;
    this.clock = clock;
    this.apis = apis;
  }

  public void register(Map<String, OperationHandler> handlers) {
    handlers.put("ImportApi", this::importApi);
    handlers.put("ReimportApi", this::reimportApi);
    handlers.put("ExportApi", this::exportApi);
  }

  private JsonNode importApi(RequestContext ctx, ObjectNode in) {
    JsonNode doc = OpenApiImport.parse(in.path("Body").asText());
    String id = Ids.next(10);
    ObjectNode data = Json.object();
    data.put("ApiId", id);
    data.put("Name", "imported");
    data.put("ProtocolType", "HTTP");
    data.put("ApiEndpoint", ApiOperations.endpoint(ctx, id, false));
    data.put("ApiKeySelectionExpression", "$request.header.x-api-key");
    data.put("CreatedDate", clock.now().getEpochSecond());
    data.put("DisableExecuteApiEndpoint", false);
    data.put("RouteSelectionExpression", ApiOperations.HTTP_ROUTE_SELECTION);
    Api api = new Api(ctx.account(), ctx.region(), id, data);
    List<String> warnings;
    synchronized (api) {
      warnings = OpenApiImport.apply(doc, api, Resources.text(in, "Basepath"));
      failOnWarnings(in, warnings);
    }
    store.put(api);
    return withWarnings(apis.view(api), warnings);
  }

  private JsonNode reimportApi(RequestContext ctx, ObjectNode in) {
    Api api = store.get(ctx.account(), ctx.region(), in.path("ApiId").asText());
    if (api.isWebSocket()) {
      throw V2Errors.badRequest("Reimport is supported only for HTTP APIs");
    }
    JsonNode doc = OpenApiImport.parse(in.path("Body").asText());
    List<String> warnings;
    synchronized (api) {
      api.routes().clear();
      api.integrations().clear();
      api.authorizers().clear();
      api.routeResponses().clear();
      api.integrationResponses().clear();
      warnings = OpenApiImport.apply(doc, api, Resources.text(in, "Basepath"));
      failOnWarnings(in, warnings);
      api.changed(clock);
    }
    return withWarnings(apis.view(api), warnings);
  }

  private static void failOnWarnings(ObjectNode in, List<String> warnings) {
    if (in.path("FailOnWarnings").asBoolean(false) && !warnings.isEmpty()) {
      throw V2Errors.badRequest("Warnings found during import:\n\t" + String.join("\n\t", warnings));
    }
  }

  private static JsonNode withWarnings(ObjectNode view, List<String> warnings) {
    if (!warnings.isEmpty()) {
      ArrayNode w = view.putArray("Warnings");
      warnings.forEach(w::add);
    }
    return view;
  }

  private JsonNode exportApi(RequestContext ctx, ObjectNode in) {
    Api api = store.get(ctx.account(), ctx.region(), in.path("ApiId").asText());
    if (!in.path("Specification").asText().equals("OAS30")) {
      throw V2Errors.badRequest("Unsupported specification " + in.path("Specification").asText() + ". Supported: OAS30");
    }
    String outputType = in.path("OutputType").asText();
    if (!outputType.equals("JSON") && !outputType.equals("YAML")) {
      throw V2Errors.badRequest("Unsupported output type " + outputType + ". Supported: JSON, YAML");
    }
    if (api.isWebSocket()) {
      throw V2Errors.badRequest("Export is supported only for HTTP APIs");
    }
    boolean extensions = in.path("IncludeExtensions").asBoolean(true);
    ObjectNode doc;
    synchronized (api) {
      String stageName = Resources.text(in, "StageName");
      String server = api.data().path("ApiEndpoint").asText();
      if (stageName != null) {
        Deployment deployment = api.deployed(stageName);
        if (!api.stages().containsKey(stageName)) {
          throw V2Errors.notFound("Invalid stage identifier specified");
        }
        if (deployment == null) {
          throw V2Errors.badRequest("The stage " + stageName + " has no deployment to export");
        }
        doc = OpenApiExport.of(deployment.api(), deployment.routes(), deployment.integrations(), deployment.authorizers(), extensions,
            stageName.equals("$default") ? server : server + "/" + stageName);
      } else {
        doc = OpenApiExport.of(api.data(), api.routes(), api.integrations(), api.authorizers(), extensions, server);
      }
    }
    byte[] bytes;
    try {
      bytes = outputType.equals("YAML") ? OpenApiImport.YAML.writeValueAsBytes(doc) : Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    ObjectNode out = Json.object();
    out.put("body", Base64.getEncoder().encodeToString(bytes));
    return out;
  }
}
