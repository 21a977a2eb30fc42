package dev.fogbank.apigatewayv2.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP API route selection: of the routes whose method and path match, the most specific wins —
 * segment by segment a literal beats a path variable, which beats a greedy variable ({@code
 * {proxy+}}); then a route with the request's method beats {@code ANY}; {@code $default} catches
 * what nothing else does (AWS: "Working with routes for HTTP APIs", route evaluation order).
 */
public final class RouteMatcher {

  /** A chosen route and the path variables it bound. */
  public record Match(ObjectNode route, Map<String, String> pathParameters) {}

  private RouteMatcher() {}

  public static Match match(Collection<ObjectNode> routes, String method, String path) {
    String[] segments = split(path);
    Match best = null;
    int[] bestRank = null;
    ObjectNode fallback = null;
    for (ObjectNode route : routes) {
      String key = route.path("RouteKey").asText();
      if (key.equals("$default")) {
        fallback = route;
        continue;
      }
      int space = key.indexOf(' ');
      if (space < 0) {
        continue;
      }
      String routeMethod = key.substring(0, space);
      if (!routeMethod.equals("ANY") && !routeMethod.equals(method)) {
        continue;
      }
      String[] pattern = split(key.substring(space + 1));
      Map<String, String> params = new LinkedHashMap<>();
      int[] rank = bind(pattern, segments, params);
      if (rank == null) {
        continue;
      }
      rank[rank.length - 1] = routeMethod.equals("ANY") ? 1 : 0;
      if (bestRank == null || compare(rank, bestRank) < 0) {
        best = new Match(route, params);
        bestRank = rank;
      }
    }
    if (best != null) {
      return best;
    }
    return fallback == null ? null : new Match(fallback, Map.of());
  }

  /**
   * Binds a route path to the request's segments: the rank (0 literal, 1 variable, 2 greedy per
   * segment, then a slot for the method), or null when it does not match.
   */
  private static int[] bind(String[] pattern, String[] segments, Map<String, String> params) {
    int[] rank = new int[Math.max(pattern.length, segments.length) + 2];
    java.util.Arrays.fill(rank, 0);
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{") && p.endsWith("+}")) {
        if (i != pattern.length - 1 || i >= segments.length) {
          return null;
        }
        params.put(p.substring(1, p.length() - 2), decode(String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length))));
        for (int j = i; j < rank.length - 1; j++) {
          rank[j] = 2;
        }
        return rank;
      }
      if (i >= segments.length) {
        return null;
      }
      if (p.startsWith("{") && p.endsWith("}")) {
        params.put(p.substring(1, p.length() - 1), decode(segments[i]));
        rank[i] = 1;
      } else if (!p.equals(segments[i])) {
        return null;
      }
    }
    return pattern.length == segments.length ? rank : null;
  }

  /** Path parameters reach integrations percent-decoded; a {@code +} in a path is a plus. */
  private static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    try {
      return java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  private static int compare(int[] a, int[] b) {
    int n = Math.max(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int x = i < a.length ? a[i] : 0;
      int y = i < b.length ? b[i] : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  private static String[] split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.isEmpty()) {
      return new String[0];
    }
    return p.split("/", -1);
  }
}
