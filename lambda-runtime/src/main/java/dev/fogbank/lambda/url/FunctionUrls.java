package dev.fogbank.lambda.url;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which function a URL id belongs to. URL ids are unique across accounts and regions, as the host
 * names {@code <url-id>.lambda-url.<region>.on.aws} are; the config itself stays with its function.
 */
public final class FunctionUrls {

  /** A URL's function: its account and region, name and qualifier ({@code ""} for unqualified). */
  public record Binding(String account, String region, String function, String qualifier) {}

  private final Map<String, Binding> byId = new ConcurrentHashMap<>();

  public void bind(String urlId, Binding binding) {
    byId.put(urlId, binding);
  }

  public void unbind(String urlId) {
    byId.remove(urlId);
  }

  public Binding lookup(String urlId) {
    return byId.get(urlId);
  }

  /** The url id of a FunctionUrl: the first label of its host. */
  public static String idOf(String functionUrl) {
    int start = functionUrl.indexOf("://") + 3;
    int dot = functionUrl.indexOf('.', start);
    return functionUrl.substring(start, dot);
  }

  public void reset() {
    byId.clear();
  }
}
