package dev.fogbank.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.sqs.queue.Queue;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Queue URLs. Handed out as {@code http://<host the client used>/<account>/<name>} (path style)
 * or LocalStack's {@code http://sqs.<region>.localhost.localstack.cloud:<port>/<account>/<name>}
 * (setting {@code sqs.queue-url-style=domain}); accepted in either form, in AWS's own forms
 * ({@code https://sqs.<region>.amazonaws.com/<account>/<name>}), as {@code /queue/<name>}, or as
 * a bare queue name.
 */
final class QueueUrls {

  enum Style {
    PATH,
    DOMAIN
  }

  /** What a queue URL names. */
  record Ref(String account, String region, String name) {}

  private static final Pattern REGION_HOST =
      Pattern.compile("(?:sqs\\.([a-z0-9-]+)\\.|([a-z]{2}(?:-[a-z]+)+-\\d)\\.queue\\.).*");
  static final Pattern QUEUE_PATH = Pattern.compile("/(\\d{12})/([A-Za-z0-9_.-]+)/?");
  private static final Pattern NAME_PATH = Pattern.compile("/queue/([A-Za-z0-9_.-]+)/?");

  private QueueUrls() {}

  static String of(RequestContext ctx, Queue queue, Style style) {
    if (style == Style.DOMAIN) {
      String host = ctx.host();
      int colon = host.lastIndexOf(':');
      String port = colon > 0 && host.indexOf(']') < colon ? host.substring(colon) : ":4566";
      return "http://sqs." + queue.region() + ".localhost.localstack.cloud" + port + "/" + queue.account() + "/" + queue.name();
    }
    return ctx.endpoint() + "/" + queue.account() + "/" + queue.name();
  }

  /**
   * The queue of a request: its {@code QueueUrl}, or — a query request sent to the queue's own
   * URL without one — its path.
   */
  static Queue resolve(SqsEngine engine, RequestContext ctx, JsonNode input) {
    String url = Inputs.text(input, "QueueUrl");
    if ((url == null || url.isEmpty()) && ctx.request() != null) {
      String path = ctx.request().path();
      if (path.length() > 1 && (QUEUE_PATH.matcher(path).matches() || NAME_PATH.matcher(path).matches())) {
        url = path;
      }
    }
    if (url == null || url.isEmpty()) {
      throw SqsErrors.missingParameter("QueueUrl");
    }
    Ref ref = parse(url, ctx.account(), ctx.region());
    if (ref == null) {
      throw SqsErrors.queueDoesNotExist();
    }
    return engine.queue(ref.account(), ref.region(), ref.name());
  }

  private record CacheKey(String url, String account, String region) {}

  /** Parsed URLs: clients send the same few on every call, and the regexes showed in profiles. */
  private static final Map<CacheKey, Optional<Ref>> PARSED = new ConcurrentHashMap<>();

  private static final int CACHE_LIMIT = 10_000;

  /** The queue a URL, path or bare name designates, or null if it designates none. */
  static Ref parse(String url, String account, String region) {
    CacheKey key = new CacheKey(url, account, region);
    Optional<Ref> ref = PARSED.get(key);
    if (ref == null) {
      if (PARSED.size() >= CACHE_LIMIT) {
        PARSED.clear();
      }
      ref = Optional.ofNullable(parseUncached(url, account, region));
      PARSED.put(key, ref);
    }
    return ref.orElse(null);
  }

  private static Ref parseUncached(String url, String account, String region) {
    String path = url;
    int scheme = url.indexOf("://");
    if (scheme >= 0) {
      int slash = url.indexOf('/', scheme + 3);
      String host = slash < 0 ? url.substring(scheme + 3) : url.substring(scheme + 3, slash);
      path = slash < 0 ? "" : url.substring(slash);
      Matcher m = REGION_HOST.matcher(host);
      if (m.matches()) {
        region = m.group(1) != null ? m.group(1) : m.group(2);
      }
    } else if (!url.contains("/")) {
      return url.isEmpty() ? null : new Ref(account, region, url);
    }
    Matcher m = QUEUE_PATH.matcher(path);
    if (m.matches()) {
      return new Ref(m.group(1), region, m.group(2));
    }
    m = NAME_PATH.matcher(path);
    if (m.matches()) {
      return new Ref(account, region, m.group(1));
    }
    return null;
  }
}
