package dev.fogbank.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.s3.store.Bucket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * CORS from the bucket's CORS configuration
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html): the first rule whose
 * AllowedOrigin, AllowedMethod and AllowedHeader patterns (one {@code *} wildcard each) match the
 * request answers the preflight {@code OPTIONS} and adds the CORS headers to actual responses.
 */
final class Cors {

  record Rule(List<String> origins, List<String> methods, List<String> headers, List<String> expose, String maxAge) {}

  private final S3Engine engine;

  Cors(S3Engine engine) {
    this.engine = engine;
  }

  static List<Rule> rules(byte[] config) {
    List<Rule> rules = new ArrayList<>();
    if (config == null) {
      return rules;
    }
    Element root = Xml.parse(config);
    for (Element r : Xml.children(root, "CORSRule")) {
      rules.add(new Rule(texts(r, "AllowedOrigin"), texts(r, "AllowedMethod"), texts(r, "AllowedHeader"), texts(r, "ExposeHeader"),
          Xml.text(r, "MaxAgeSeconds")));
    }
    return rules;
  }

  private static List<String> texts(Element parent, String name) {
    List<String> out = new ArrayList<>();
    Xml.children(parent, name).forEach(e -> out.add(e.getTextContent().trim()));
    return out;
  }

  static boolean matches(String pattern, String value) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return pattern.equals(value);
    }
    String head = pattern.substring(0, star);
    String tail = pattern.substring(star + 1);
    return value.length() >= head.length() + tail.length() && value.startsWith(head) && value.endsWith(tail);
  }

  private static Rule match(List<Rule> rules, String origin, String method, List<String> requestHeaders) {
    for (Rule rule : rules) {
      if (rule.origins().stream().noneMatch(o -> matches(o, origin)) || !rule.methods().contains(method)) {
        continue;
      }
      boolean headersAllowed = requestHeaders.stream().allMatch(h -> rule.headers().stream()
          .anyMatch(p -> matches(p.toLowerCase(Locale.ROOT), h.toLowerCase(Locale.ROOT))));
      if (headersAllowed) {
        return rule;
      }
    }
    return null;
  }

  /** The preflight: 200 with the rule's grants, or 403 CORSResponse. */
  JsonNode preflight(RequestContext ctx, ObjectNode in) {
    AwsRequest r = ctx.request();
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    String origin = r.header("Origin");
    String method = r.header("Access-Control-Request-Method");
    if (origin == null) {
      throw new S3Exception("BadRequest", "Insufficient information. Origin request header needed.", 400);
    }
    if (method == null) {
      throw new S3Exception("BadRequest", "Invalid Access-Control-Request-Method: null", 400);
    }
    List<Rule> rules = rules(bucket.configs().get("cors"));
    if (rules.isEmpty()) {
      throw new S3Exception("CORSResponse", "CORS is not enabled for this bucket.", 403);
    }
    List<String> requested = new ArrayList<>();
    String requestHeaders = r.header("Access-Control-Request-Headers");
    if (requestHeaders != null) {
      for (String h : requestHeaders.split(",")) {
        if (!h.isBlank()) {
          requested.add(h.trim());
        }
      }
    }
    Rule rule = match(rules, origin, method, requested);
    if (rule == null) {
      throw new S3Exception(
          "CORSResponse",
          "This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
          403);
    }
    S3Reply reply = S3Reply.ok();
    grant(reply.headers, rule, origin);
    if (requestHeaders != null) {
      reply.header("Access-Control-Allow-Headers", String.join(", ", requested).toLowerCase(Locale.ROOT));
    }
    reply.header("Access-Control-Max-Age", rule.maxAge());
    reply.header("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
    return reply.node();
  }

  private static void grant(Map<String, String> headers, Rule rule, String origin) {
    boolean any = rule.origins().contains("*");
    headers.put("Access-Control-Allow-Origin", any ? "*" : origin);
    headers.put("Access-Control-Allow-Methods", String.join(", ", rule.methods()));
    if (!rule.expose().isEmpty()) {
      headers.put("Access-Control-Expose-Headers", String.join(", ", rule.expose()));
    }
    if (!any) {
      headers.put("Access-Control-Allow-Credentials", "true");
    }
  }

  /** The CORS headers of an actual request carrying Origin, when a rule allows it. */
  void decorate(AwsRequest request, Map<String, String> headers) {
    String origin = request.header("Origin");
    if (origin == null) {
      return;
    }
    Address address = Address.of(request);
    Bucket bucket = address.bucket() == null ? null : engine.buckets.get(address.bucket());
    if (bucket == null || bucket.configs().get("cors") == null) {
      return;
    }
    Rule rule = match(rules(bucket.configs().get("cors")), origin, request.method(), List.of());
    if (rule != null) {
      grant(headers, rule, origin);
      headers.put("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
    }
  }
}
