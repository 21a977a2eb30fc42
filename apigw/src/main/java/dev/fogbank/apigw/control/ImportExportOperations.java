package dev.fogbank.apigw.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayEngine;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.apigw.openapi.Documents;
import dev.fogbank.apigw.openapi.OpenApiExporter;
import dev.fogbank.apigw.openapi.OpenApiImporter;
import dev.fogbank.apigw.state.Deployed;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import java.util.Base64;
import java.util.Map;

/** ImportRestApi, PutRestApi (merge or overwrite) and GetExport (oas30 or swagger, JSON or YAML). */
public final class ImportExportOperations {

  private final ApiGatewayEngine engine;
  private final RestApiOperations apis;

  public ImportExportOperations(ApiGatewayEngine engine, RestApiOperations apis) {
    this.engine = engine;
    this.apis = apis;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("ImportRestApi", this::importApi);
    map.put("PutRestApi", this::putApi);
    map.put("GetExport", this::export);
  }

  private static JsonNode document(ObjectNode in) {
    String body = in.path("body").asText("");
    if (body.isEmpty()) {
      throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
    }
    return Documents.parse(Base64.getDecoder().decode(body));
  }

  private JsonNode importApi(RequestContext ctx, ObjectNode in) {
    JsonNode doc = document(in);
    String title = OpenApiImporter.title(doc);
    if (title.isBlank()) {
      throw ApiGatewayErrors.badRequest("Invalid OpenAPI input: the document has no info.title.");
    }
    ObjectNode create = Json.object();
    create.put("name", title);
    String types = in.path("parameters").path("endpointConfigurationTypes").asText(null);
    if (types != null) {
      create.putObject("endpointConfiguration").putArray("types").add(types);
    }
    RestApi api = apis.create(ctx, create);
    try {
      synchronized (api) {
        new OpenApiImporter(api, doc).apply();
      }
    } catch (AwsException | IllegalArgumentException e) {
      engine.unregister(api);
      throw e instanceof AwsException a ? a : ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
    }
    return api.info();
  }

  private JsonNode putApi(RequestContext ctx, ObjectNode in) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    JsonNode doc = document(in);
    boolean overwrite = in.path("mode").asText("merge").equals("overwrite");
    synchronized (api) {
      // A dry run on a copy first, so a document that fails halfway leaves the API as it was.
      RestApi scratch = new RestApi(api.account(), api.region(), api.info().deepCopy());
      api.resources.values().forEach(r -> scratch.resources.put(r.id(), r.copy()));
      scratch.authorizers.putAll(api.authorizers);
      scratch.models.putAll(api.models);
      OpenApiImporter dry = new OpenApiImporter(scratch, doc);
      if (overwrite) {
        dry.clear();
      }
      dry.apply();
      OpenApiImporter real = new OpenApiImporter(api, doc);
      if (overwrite) {
        real.clear();
      }
      real.apply();
      if (overwrite && doc.path("info").hasNonNull("title")) {
        api.info().put("name", doc.path("info").path("title").asText());
      }
      return api.info();
    }
  }

  private JsonNode export(RequestContext ctx, ObjectNode in) {
    RestApi api = engine.api(ctx, in.path("restApiId").asText());
    String type = in.path("exportType").asText();
    if (!type.equals("oas30") && !type.equals("swagger")) {
      throw ApiGatewayErrors.badRequest("No API exporter for type '" + type + "'");
    }
    String stageName = in.path("stageName").asText();
    ObjectNode stage = api.stages.get(stageName);
    if (stage == null) {
      throw ApiGatewayErrors.stageNotFound();
    }
    Deployed deployed = api.snapshots.get(stage.path("deploymentId").asText());
    if (deployed == null) {
      throw ApiGatewayErrors.stageNotFound();
    }
    ObjectNode doc = new OpenApiExporter(deployed, stageName, type, in.path("parameters").path("extensions").asText(null)).export();
    boolean yaml = in.path("accepts").asText("application/json").contains("yaml");
    byte[] bytes = yaml ? Documents.yaml(doc) : Documents.json(doc);
    ObjectNode out = Json.object();
    out.put("contentType", yaml ? "application/yaml" : "application/json");
    String date = java.time.LocalDate.ofInstant(engine.clock().now(), java.time.ZoneOffset.UTC).toString().replace("-", "");
    String name = type + "_" + date + (yaml ? ".yaml" : ".json");
    out.put("contentDisposition", "attachment; filename=\"" + name + "\"");
    out.put("body", Base64.getEncoder().encodeToString(bytes));
    return out;
  }
}
