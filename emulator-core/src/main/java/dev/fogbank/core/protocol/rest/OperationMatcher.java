package dev.fogbank.core.protocol.rest;

import dev.fogbank.core.model.Operation;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.AwsRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Finds the operation a REST request names by its method and path, the way the service's
 * front end does: every {@code http.method} + {@code http.requestUri} of the model, tried from the
 * most specific template to the least ({@link UriTemplate#compareSpecificity}), first match wins.
 * Built once per model. Templates are indexed by their literal first segment, so that a request
 * is tried only against the templates it could match — every REST service's {@code claims} runs
 * this for requests of the other services too.
 */
public final class OperationMatcher {

  /** The operation and its decoded path labels. */
  public record Match(Operation operation, Map<String, String> labels) {}

  private record Route(String method, UriTemplate template, Operation operation) {}

  private static final Map<ServiceModel, OperationMatcher> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** By a template's literal first segment: those routes and the label-first ones, in order. */
  private final Map<String, List<Route>> byLeadingLiteral = new java.util.HashMap<>();
  /** The routes whose template does not start with a literal, in order. */
  private final List<Route> labelFirst;
  private final Map<String, UriTemplate> byOperation = new java.util.HashMap<>();

  private OperationMatcher(ServiceModel model) {
    List<Route> list = new ArrayList<>();
    for (Operation op : model.operations().values()) {
      list.add(new Route(op.httpMethod(), UriTemplate.parse(op.requestUri()), op));
    }
    list.sort((a, b) -> UriTemplate.compareSpecificity(a.template(), b.template()));
    list.forEach(r -> byOperation.put(r.operation().name(), r.template()));
    List<Route> routes = List.copyOf(list);
    this.labelFirst = routes.stream().filter(r -> r.template().leadingLiteral() == null).toList();
    for (Route r : routes) {
      String literal = r.template().leadingLiteral();
      if (literal != null && !byLeadingLiteral.containsKey(literal)) {
        byLeadingLiteral.put(
            literal,
            routes.stream()
                .filter(o -> o.template().leadingLiteral() == null || literal.equals(o.template().leadingLiteral()))
                .toList());
      }
    }
  }

  /** The routes a path of these raw segments could match, in specificity order. */
  private List<Route> candidates(List<String> raw) {
    if (raw.isEmpty()) {
      return labelFirst;
    }
    return byLeadingLiteral.getOrDefault(raw.get(0), labelFirst);
  }

  /** The matcher of {@code model}, built on first use. */
  public static OperationMatcher of(ServiceModel model) {
    return CACHE.computeIfAbsent(model, OperationMatcher::new);
  }

  /**
   * The default {@link dev.fogbank.core.engine.ServiceModule#claims} of a REST service: whether
   * the request's path is one of its model's URI templates.
   */
  public static boolean claims(ServiceModel model, AwsRequest request) {
    return of(model).matchesPath(request);
  }

  /** The operation the request names, or null. */
  public Match match(AwsRequest request) {
    List<String> raw = UriTemplate.split(rawPath(request));
    String method = request.method();
    for (Route route : candidates(raw)) {
      if (!route.method().equals(method)) {
        continue;
      }
      Map<String, String> labels = route.template().match(raw, request.query());
      if (labels != null) {
        return new Match(route.operation(), labels);
      }
    }
    return null;
  }

  /** The parsed template of an operation of this model, or null. */
  public UriTemplate template(Operation operation) {
    return byOperation.get(operation.name());
  }

  /**
   * The path labels of the request read with {@code operation}'s template; empty when the path
   * does not fit it (an in-process caller that named the operation itself).
   */
  public Map<String, String> labels(Operation operation, AwsRequest request) {
    UriTemplate template = byOperation.get(operation.name());
    Map<String, String> labels =
        template == null ? null : template.match(UriTemplate.split(rawPath(request)), request.query());
    return labels == null ? Map.of() : labels;
  }

  /**
   * Whether the request's path is one of this model's, whatever the method: a service claims
   * such requests so that a wrong method gets the service's own error rather than "unknown
   * service".
   */
  public boolean matchesPath(AwsRequest request) {
    List<String> raw = UriTemplate.split(rawPath(request));
    for (Route route : candidates(raw)) {
      if (route.template().matchesPath(raw)) {
        return true;
      }
    }
    return false;
  }

  /** The path as sent, still percent-encoded, without the query string. */
  static String rawPath(AwsRequest request) {
    String uri = request.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    int hash = path.indexOf('#');
    if (hash >= 0) {
      path = path.substring(0, hash);
    }
    // An absolute-form request target (a proxy's "http://host/path") keeps only its path.
    if (path.startsWith("http://") || path.startsWith("https://")) {
      int slash = path.indexOf('/', path.indexOf("//") + 2);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    return path.isEmpty() ? "/" : path;
  }
}
