package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.apigatewayv2.V2Errors;
import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.apigatewayv2.api.Ids;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Custom domain names with their API mappings, and VPC links — recorded as API Gateway reports
 * them (a domain AVAILABLE with its regional {@code d-….execute-api.{region}.amazonaws.com}
 * target, a VPC link AVAILABLE). A request whose Host is a domain name reaches the API and stage
 * its mapping names ({@link #resolve}).
 */
public final class DomainNameOperations {

  /** A domain name and its mappings, by mapping id. */
  private record Domain(String account, String region, ObjectNode data, Map<String, ObjectNode> mappings) {}

  /** Where a custom domain request goes: the API, the stage and the path after the mapping key. */
  public record Mapped(String apiId, String stage, String rest) {}

  private final ApiStore store;
  private final Clock clock;
  private final Tags tags;
  private final Map<String, Domain> domains = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> vpcLinks = new ConcurrentHashMap<>();

  public DomainNameOperations(ApiStore store, Clock clock, Tags tags) {
    this.store = store;
    this.clock = clock;
    this.tags = tags;
  }

  public void register(Map<String, OperationHandler> handlers) {
    handlers.put("CreateDomainName", this::createDomainName);
    handlers.put("GetDomainName", (ctx, in) -> view(domain(ctx, in)));
    handlers.put("GetDomainNames", (ctx, in) -> {
      List<ObjectNode> items = new ArrayList<>();
      for (Domain d : domains.values()) {
        if (d.account().equals(ctx.account()) && d.region().equals(ctx.region())) {
          items.add(view(d));
        }
      }
      return Resources.items(items, in);
    });
    handlers.put("UpdateDomainName", (ctx, in) -> {
      Domain d = domain(ctx, in);
      synchronized (d) {
        if (in.has("DomainNameConfigurations")) {
          d.data().set("DomainNameConfigurations", configurations(in.path("DomainNameConfigurations"), ctx.region()));
        }
        if (in.has("MutualTlsAuthentication")) {
          d.data().set("MutualTlsAuthentication", in.get("MutualTlsAuthentication").deepCopy());
        }
      }
      return view(d);
    });
    handlers.put("DeleteDomainName", (ctx, in) -> {
      Domain d = domain(ctx, in);
      domains.remove(d.data().path("DomainName").asText());
      tags.removeUnder(arn(ctx.region(), d.data().path("DomainName").asText()));
      return null;
    });
    handlers.put("CreateApiMapping", this::createApiMapping);
    handlers.put("GetApiMapping", (ctx, in) -> {
      Domain d = domain(ctx, in);
      synchronized (d) {
        return mapping(d, ctx, in).deepCopy();
      }
    });
    handlers.put("GetApiMappings", (ctx, in) -> {
      Domain d = domain(ctx, in);
      synchronized (d) {
        return Resources.items(d.mappings().values(), in);
      }
    });
    handlers.put("UpdateApiMapping", (ctx, in) -> {
      Domain d = domain(ctx, in);
      synchronized (d) {
        ObjectNode m = mapping(d, ctx, in);
        for (String member : List.of("ApiId", "ApiMappingKey", "Stage")) {
          if (in.hasNonNull(member)) {
            m.set(member, in.get(member).deepCopy());
          }
        }
        check(ctx, m);
        return m.deepCopy();
      }
    });
    handlers.put("DeleteApiMapping", (ctx, in) -> {
      Domain d = domain(ctx, in);
      synchronized (d) {
        mapping(d, ctx, in);
        d.mappings().remove(in.path("ApiMappingId").asText());
      }
      return null;
    });
    handlers.put("CreateVpcLink", (ctx, in) -> {
      ObjectNode link = Json.object();
      String id = Ids.next(6);
      link.put("VpcLinkId", id);
      link.put("Name", in.path("Name").asText());
      link.set("SubnetIds", in.path("SubnetIds").deepCopy());
      link.set("SecurityGroupIds", in.has("SecurityGroupIds") ? in.get("SecurityGroupIds").deepCopy() : Json.NODES.arrayNode());
      link.put("CreatedDate", clock.now().getEpochSecond());
      link.put("VpcLinkStatus", "AVAILABLE");
      link.put("VpcLinkStatusMessage", "VPC link is ready to route traffic");
      link.put("VpcLinkVersion", "V2");
      link.put("Account", ctx.account() + "/" + ctx.region());
      vpcLinks.put(id, link);
      tags.put("arn:aws:apigateway:" + ctx.region() + "::/vpclinks/" + id, in.path("Tags"));
      return vpcLinkView(ctx, link);
    });
    handlers.put("GetVpcLink", (ctx, in) -> vpcLinkView(ctx, vpcLink(ctx, in)));
    handlers.put("GetVpcLinks", (ctx, in) -> {
      List<ObjectNode> items = new ArrayList<>();
      for (ObjectNode link : vpcLinks.values()) {
        if (link.path("Account").asText().equals(ctx.account() + "/" + ctx.region())) {
          items.add(vpcLinkView(ctx, link));
        }
      }
      return Resources.items(items, in);
    });
    handlers.put("UpdateVpcLink", (ctx, in) -> {
      ObjectNode link = vpcLink(ctx, in);
      if (in.hasNonNull("Name")) {
        link.put("Name", in.path("Name").asText());
      }
      return vpcLinkView(ctx, link);
    });
    handlers.put("DeleteVpcLink", (ctx, in) -> {
      ObjectNode link = vpcLink(ctx, in);
      vpcLinks.remove(link.path("VpcLinkId").asText());
      return Json.object();
    });
  }

  private static String arn(String region, String domainName) {
    return "arn:aws:apigateway:" + region + "::/domainnames/" + domainName;
  }

  private JsonNode createDomainName(RequestContext ctx, ObjectNode in) {
    String name = in.path("DomainName").asText().toLowerCase(java.util.Locale.ROOT);
    ObjectNode data = Json.object();
    data.put("DomainName", name);
    data.put("ApiMappingSelectionExpression", "$request.basepath");
    data.set("DomainNameConfigurations", configurations(in.path("DomainNameConfigurations"), ctx.region()));
    if (in.has("MutualTlsAuthentication")) {
      data.set("MutualTlsAuthentication", in.get("MutualTlsAuthentication").deepCopy());
    }
    Domain domain = new Domain(ctx.account(), ctx.region(), data, new LinkedHashMap<>());
    if (domains.putIfAbsent(name, domain) != null) {
      throw V2Errors.conflict("The domain name you provided already exists.");
    }
    tags.put(arn(ctx.region(), name), in.path("Tags"));
    return view(domain);
  }

  /** Each configuration as API Gateway completes it: its regional target, status AVAILABLE. */
  private ArrayNode configurations(JsonNode given, String region) {
    ArrayNode out = Json.NODES.arrayNode();
    JsonNode list = given.isArray() && !given.isEmpty() ? given : Json.NODES.arrayNode().add(Json.object());
    for (JsonNode c : list) {
      ObjectNode config = ((ObjectNode) c).deepCopy();
      config.put("ApiGatewayDomainName", "d-" + Ids.next(10) + ".execute-api." + region + ".amazonaws.com");
      config.put("DomainNameStatus", "AVAILABLE");
      config.put("EndpointType", config.path("EndpointType").asText("REGIONAL"));
      config.put("SecurityPolicy", config.path("SecurityPolicy").asText("TLS_1_2"));
      config.put("HostedZoneId", "Z1UJRXOUMOOFQ8");
      if (config.has("CertificateArn")) {
        config.put("CertificateUploadDate", clock.now().getEpochSecond());
      }
      out.add(config);
    }
    return out;
  }

  private Domain domain(RequestContext ctx, ObjectNode in) {
    String name = in.path("DomainName").asText().toLowerCase(java.util.Locale.ROOT);
    Domain d = domains.get(name);
    if (d == null || !d.account().equals(ctx.account()) || !d.region().equals(ctx.region())) {
      throw V2Errors.notFound("Invalid domain name identifier specified");
    }
    return d;
  }

  private ObjectNode view(Domain d) {
    synchronized (d) {
      ObjectNode out = d.data().deepCopy();
      ObjectNode t = tags.get(arn(d.region(), d.data().path("DomainName").asText()));
      out.set("Tags", t == null ? Json.object() : t);
      return out;
    }
  }

  private static ObjectNode mapping(Domain d, RequestContext ctx, ObjectNode in) {
    return Resources.get(d.mappings(), in.path("ApiMappingId").asText(), "ApiMapping", ctx.account());
  }

  private void check(RequestContext ctx, ObjectNode mapping) {
    var api = store.get(ctx.account(), ctx.region(), mapping.path("ApiId").asText());
    synchronized (api) {
      if (!api.stages().containsKey(mapping.path("Stage").asText())) {
        throw V2Errors.badRequest("Invalid stage identifier specified");
      }
    }
  }

  private JsonNode createApiMapping(RequestContext ctx, ObjectNode in) {
    Domain d = domain(ctx, in);
    ObjectNode mapping = Json.object();
    mapping.put("ApiId", in.path("ApiId").asText());
    mapping.put("Stage", in.path("Stage").asText());
    String key = in.path("ApiMappingKey").asText("");
    if (!key.isEmpty()) {
      mapping.put("ApiMappingKey", key);
    }
    check(ctx, mapping);
    synchronized (d) {
      for (ObjectNode existing : d.mappings().values()) {
        if (existing.path("ApiMappingKey").asText("").equals(key)) {
          throw V2Errors.conflict("The API mapping already exists for this domain name and key");
        }
      }
      String id = Ids.next(6);
      mapping.put("ApiMappingId", id);
      d.mappings().put(id, mapping);
      return mapping.deepCopy();
    }
  }

  private ObjectNode vpcLink(RequestContext ctx, ObjectNode in) {
    ObjectNode link = vpcLinks.get(in.path("VpcLinkId").asText());
    if (link == null || !link.path("Account").asText().equals(ctx.account() + "/" + ctx.region())) {
      throw V2Errors.notFound("Invalid VpcLink identifier specified " + ctx.account() + ":" + in.path("VpcLinkId").asText());
    }
    return link;
  }

  private ObjectNode vpcLinkView(RequestContext ctx, ObjectNode link) {
    ObjectNode out = link.deepCopy();
    out.remove("Account");
    ObjectNode t = tags.get("arn:aws:apigateway:" + ctx.region() + "::/vpclinks/" + link.path("VpcLinkId").asText());
    out.set("Tags", t == null ? Json.object() : t);
    return out;
  }

  /**
   * The API a request to a custom domain reaches: the mapping whose key is the path's first
   * segment(s), else the mapping without a key; null when the host is no domain name here.
   */
  public Mapped resolve(String host, String path) {
    Domain d = domains.get(host);
    if (d == null) {
      return null;
    }
    synchronized (d) {
      ObjectNode best = null;
      String bestKey = null;
      for (ObjectNode m : d.mappings().values()) {
        String key = m.path("ApiMappingKey").asText("");
        boolean matches = key.isEmpty() || path.equals("/" + key) || path.startsWith("/" + key + "/");
        if (matches && (bestKey == null || key.length() > bestKey.length())) {
          best = m;
          bestKey = key;
        }
      }
      if (best == null) {
        return null;
      }
      String rest = bestKey.isEmpty() ? path : path.substring(bestKey.length() + 1);
      return new Mapped(best.path("ApiId").asText(), best.path("Stage").asText(), rest.isEmpty() ? "/" : rest);
    }
  }

  public void reset() {
    domains.clear();
    vpcLinks.clear();
  }
}
