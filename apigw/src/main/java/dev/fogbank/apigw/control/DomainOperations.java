package dev.fogbank.apigw.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigw.ApiGatewayEngine;
import dev.fogbank.apigw.ApiGatewayErrors;
import dev.fogbank.apigw.state.ApiGatewayState;
import dev.fogbank.apigw.state.Ids;
import dev.fogbank.apigw.state.RestApi;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Custom domain names and their base path mappings, recorded as API Gateway reports them (a
 * CloudFront distribution name for EDGE, a regional name for REGIONAL); the invoke URLs remain
 * the execute-api ones. Also GetAccount / UpdateAccount.
 */
public final class DomainOperations {

  private final ApiGatewayEngine engine;
  private final ServiceModel model;
  private final Map<String, ObjectNode> accounts = new ConcurrentHashMap<>();

  public DomainOperations(ApiGatewayEngine engine, ServiceModel model) {
    this.engine = engine;
    this.model = model;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("CreateDomainName", this::create);
    map.put("GetDomainName", (ctx, in) -> domain(ctx, in.path("domainName").asText()));
    map.put("GetDomainNames", (ctx, in) -> Paging.page(new ArrayList<>(engine.state(ctx).domainNames.values()), in));
    map.put("UpdateDomainName", this::update);
    map.put("DeleteDomainName", this::delete);
    map.put("CreateBasePathMapping", this::createMapping);
    map.put("GetBasePathMapping", (ctx, in) -> mapping(ctx, in.path("domainName").asText(), in.path("basePath").asText()));
    map.put("GetBasePathMappings", (ctx, in) -> {
      domain(ctx, in.path("domainName").asText());
      return Paging.page(new ArrayList<>(engine.state(ctx).basePathMappings.getOrDefault(in.path("domainName").asText(), Map.of()).values()), in);
    });
    map.put("UpdateBasePathMapping", this::updateMapping);
    map.put("DeleteBasePathMapping", (ctx, in) -> {
      mapping(ctx, in.path("domainName").asText(), in.path("basePath").asText());
      engine.state(ctx).basePathMappings.get(in.path("domainName").asText()).remove(in.path("basePath").asText());
      return null;
    });
    map.put("GetAccount", (ctx, in) -> account(ctx));
    map.put("UpdateAccount", this::updateAccount);
  }

  private ObjectNode domain(RequestContext ctx, String name) {
    ObjectNode d = engine.state(ctx).domainNames.get(name);
    if (d == null) {
      throw ApiGatewayErrors.notFound("Invalid domain name identifier specified");
    }
    return d;
  }

  private JsonNode create(RequestContext ctx, ObjectNode in) {
    ApiGatewayState state = engine.state(ctx);
    String name = in.path("domainName").asText("");
    if (name.isBlank()) {
      throw ApiGatewayErrors.badRequest("Invalid domain name specified");
    }
    if (state.domainNames.containsKey(name)) {
      throw ApiGatewayErrors.conflict("The domain name you provided already exists.");
    }
    ObjectNode d = Json.object();
    d.put("domainName", name);
    RestApiOperations.copy(in, d, "certificateName", "certificateArn", "regionalCertificateName", "regionalCertificateArn", "tags");
    boolean regional = in.path("endpointConfiguration").path("types").toString().contains("REGIONAL");
    if (in.has("endpointConfiguration")) {
      d.set("endpointConfiguration", in.get("endpointConfiguration"));
    } else {
      d.putObject("endpointConfiguration").putArray("types").add("EDGE");
    }
    if (regional) {
      d.put("regionalDomainName", "d-" + Ids.of(10) + ".execute-api." + ctx.region() + ".amazonaws.com");
      d.put("regionalHostedZoneId", "Z1UJRXOUMOOFQ8");
    } else {
      d.put("certificateUploadDate", engine.nowSeconds());
      d.put("distributionDomainName", "d" + Ids.of(13) + ".cloudfront.net");
      // CloudFront's hosted zone, the same for every distribution
      d.put("distributionHostedZoneId", "Z2FDTNDATAQYW2");
    }
    d.put("domainNameStatus", "AVAILABLE");
    d.put("securityPolicy", in.path("securityPolicy").asText("TLS_1_2"));
    state.domainNames.put(name, d);
    return d;
  }

  private JsonNode update(RequestContext ctx, ObjectNode in) {
    ObjectNode d = domain(ctx, in.path("domainName").asText());
    synchronized (d) {
      ObjectNode copy = d.deepCopy();
      Patch.apply(copy, in, model.shape("DomainName"), Set.of("domainName", "domainNameStatus", "tags"));
      d.setAll(copy);
      return d;
    }
  }

  private JsonNode delete(RequestContext ctx, ObjectNode in) {
    String name = in.path("domainName").asText();
    domain(ctx, name);
    engine.state(ctx).domainNames.remove(name);
    engine.state(ctx).basePathMappings.remove(name);
    return null;
  }

  private ObjectNode mapping(RequestContext ctx, String domain, String basePath) {
    domain(ctx, domain);
    ObjectNode m = engine.state(ctx).basePathMappings.getOrDefault(domain, Map.of()).get(basePath);
    if (m == null) {
      throw ApiGatewayErrors.notFound("Invalid base path mapping identifier specified");
    }
    return m;
  }

  private void checkTarget(RequestContext ctx, String apiId, String stage) {
    RestApi api = engine.state(ctx).apis.get(apiId);
    if (api == null) {
      throw ApiGatewayErrors.badRequest("Invalid REST API identifier specified");
    }
    if (stage != null && !api.stages.containsKey(stage)) {
      throw ApiGatewayErrors.badRequest("Invalid stage identifier specified");
    }
  }

  private JsonNode createMapping(RequestContext ctx, ObjectNode in) {
    String domain = in.path("domainName").asText();
    domain(ctx, domain);
    checkTarget(ctx, in.path("restApiId").asText(), in.path("stage").asText(null));
    String basePath = in.path("basePath").asText("");
    if (basePath.isEmpty()) {
      basePath = "(none)";
    }
    Map<String, ObjectNode> mappings = engine.state(ctx).basePathMappings.computeIfAbsent(domain, k -> new ConcurrentHashMap<>());
    if (mappings.containsKey(basePath)) {
      throw ApiGatewayErrors.conflict("Base path already exists for this domain name");
    }
    ObjectNode m = Json.object();
    m.put("basePath", basePath);
    m.put("restApiId", in.path("restApiId").asText());
    if (in.hasNonNull("stage")) {
      m.put("stage", in.path("stage").asText());
    }
    mappings.put(basePath, m);
    return m;
  }

  private JsonNode updateMapping(RequestContext ctx, ObjectNode in) {
    String domain = in.path("domainName").asText();
    ObjectNode m = mapping(ctx, domain, in.path("basePath").asText());
    ObjectNode copy = m.deepCopy();
    Patch.apply(copy, in, model.shape("BasePathMapping"), Set.of());
    checkTarget(ctx, copy.path("restApiId").asText(), copy.path("stage").asText(null));
    Map<String, ObjectNode> mappings = engine.state(ctx).basePathMappings.get(domain);
    mappings.remove(in.path("basePath").asText());
    mappings.put(copy.path("basePath").asText(), copy);
    return copy;
  }

  /** The account's API Gateway settings; throttling is the account default (10 000 rps, burst 5 000). */
  private ObjectNode account(RequestContext ctx) {
    return accounts.computeIfAbsent(ctx.account() + ":" + ctx.region(), k -> {
      ObjectNode a = Json.object();
      a.putObject("throttleSettings").put("burstLimit", 5000).put("rateLimit", 10000.0);
      a.putArray("features").add("UsagePlans");
      a.put("apiKeyVersion", "4");
      return a;
    });
  }

  private JsonNode updateAccount(RequestContext ctx, ObjectNode in) {
    ObjectNode a = account(ctx);
    synchronized (a) {
      ObjectNode copy = a.deepCopy();
      Patch.apply(copy, in, model.shape("Account"), Set.of("throttleSettings", "apiKeyVersion"));
      a.setAll(copy);
      return a;
    }
  }

  public void reset() {
    accounts.clear();
  }
}
