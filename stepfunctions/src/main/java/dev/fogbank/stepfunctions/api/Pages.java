package dev.fogbank.stepfunctions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.stepfunctions.SfnErrors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** nextToken/maxResults paging: 100 items a page by default, 1000 at most (the API's limits). */
final class Pages {

  private Pages() {}

  record Page<T>(List<T> items, String nextToken) {}

  static <T> Page<T> page(List<T> all, ObjectNode input, String scope) {
    int max = input.path("maxResults").asInt(0);
    if (max <= 0) {
      max = 100;
    }
    max = Math.min(max, 1000);
    int from = 0;
    String token = input.path("nextToken").asText(null);
    if (token != null) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        if (!decoded.startsWith(scope + ":")) {
          throw new IllegalArgumentException();
        }
        from = Integer.parseInt(decoded.substring(scope.length() + 1));
      } catch (IllegalArgumentException e) {
        throw SfnErrors.invalidToken("Invalid Token");
      }
    }
    int to = Math.min(all.size(), from + max);
    List<T> items = from >= all.size() ? List.of() : all.subList(from, to);
    String next = to < all.size()
        ? Base64.getUrlEncoder().withoutPadding().encodeToString((scope + ":" + to).getBytes(StandardCharsets.UTF_8))
        : null;
    return new Page<>(items, next);
  }
}
