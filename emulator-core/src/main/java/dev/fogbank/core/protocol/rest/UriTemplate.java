package dev.fogbank.core.protocol.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's {@code http.requestUri}: path segments that are literals, labels ({@code
 * {FunctionName}}, possibly with a literal prefix or suffix inside the segment) or one greedy label
 * ({@code {Key+}}, one or more segments), and literal query parts ({@code ?versions}, {@code
 * ?find=LayerVersion}) that a request must carry to be this operation.
 *
 * <p>Labels are matched on the raw path and percent-decoded afterwards, so an encoded {@code /}
 * ({@code %2F}) inside a label stays inside it.
 */
public final class UriTemplate {

  enum Kind {
    LITERAL,
    LABEL,
    GREEDY
  }

  /** One path segment: {@code prefix{label}suffix}, or a literal when {@code label} is null. */
  record Segment(Kind kind, String prefix, String label, String suffix) {

    boolean matches(String raw) {
      if (kind == Kind.LITERAL) {
        return prefix.equals(raw);
      }
      return raw.length() > prefix.length() + suffix.length()
          && raw.startsWith(prefix)
          && raw.endsWith(suffix);
    }

    String value(String raw) {
      return raw.substring(prefix.length(), raw.length() - suffix.length());
    }
  }

  private final String template;
  private final List<Segment> segments;
  /** Literal query parts: name → required value, or null when any value (or none) will do. */
  private final Map<String, String> query;

  private UriTemplate(String template, List<Segment> segments, Map<String, String> query) {
    this.template = template;
    this.segments = segments;
    this.query = query;
  }

  public static UriTemplate parse(String template) {
    int q = template.indexOf('?');
    String path = q < 0 ? template : template.substring(0, q);
    Map<String, String> query = new LinkedHashMap<>();
    if (q >= 0) {
      for (String part : template.substring(q + 1).split("&")) {
        if (part.isEmpty()) {
          continue;
        }
        int eq = part.indexOf('=');
        String name = eq < 0 ? part : part.substring(0, eq);
        // x-id (S3's ?x-id=GetObject) only names the operation for logs; clients may omit it.
        if (!name.equals("x-id")) {
          query.put(name, eq < 0 ? null : part.substring(eq + 1));
        }
      }
    }
    List<Segment> segments = new ArrayList<>();
    for (String raw : split(path)) {
      int open = raw.indexOf('{');
      int close = raw.indexOf('}', open + 1);
      if (open < 0 || close < 0) {
        segments.add(new Segment(Kind.LITERAL, raw, null, ""));
        continue;
      }
      String label = raw.substring(open + 1, close);
      boolean greedy = label.endsWith("+");
      segments.add(
          new Segment(
              greedy ? Kind.GREEDY : Kind.LABEL,
              raw.substring(0, open),
              greedy ? label.substring(0, label.length() - 1) : label,
              raw.substring(close + 1)));
    }
    return new UriTemplate(template, List.copyOf(segments), query);
  }

  /**
   * The path's segments without the leading slash; a trailing slash leaves an empty last segment
   * so that {@code /functions/} and {@code /functions} stay distinguishable.
   */
  static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    int start = path.startsWith("/") ? 1 : 0;
    if (start >= path.length()) {
      return out;
    }
    while (true) {
      int slash = path.indexOf('/', start);
      if (slash < 0) {
        out.add(path.substring(start));
        return out;
      }
      out.add(path.substring(start, slash));
      start = slash + 1;
    }
  }

  /**
   * The decoded labels if the raw path and the query match, else null. A trailing slash is
   * optional on either side: clients disagree about it ({@code ListFunctions} is modelled as
   * {@code /2015-03-31/functions/}).
   */
  public Map<String, String> match(List<String> rawSegments, Map<String, List<String>> params) {
    for (Map.Entry<String, String> q : query.entrySet()) {
      List<String> values = params.get(q.getKey());
      if (values == null || (q.getValue() != null && !values.contains(q.getValue()))) {
        return null;
      }
    }
    return matchPath(trim(rawSegments));
  }

  /**
   * The literal first path segment every matching path starts with, or null when the template
   * begins with a label (or has no segment): what an index of templates can be keyed by.
   */
  String leadingLiteral() {
    List<Segment> own = trimSegments();
    return own.isEmpty() || own.get(0).kind() != Kind.LITERAL ? null : own.get(0).prefix();
  }

  /** Whether the raw path matches, whatever the query. */
  public boolean matchesPath(List<String> rawSegments) {
    return matchPath(trim(rawSegments)) != null;
  }

  private Map<String, String> matchPath(List<String> raw) {
    List<Segment> own = trimSegments();
    Map<String, String> labels = new LinkedHashMap<>();
    int i = 0;
    for (int s = 0; s < own.size(); s++) {
      Segment seg = own.get(s);
      if (seg.kind() == Kind.GREEDY) {
        int rest = own.size() - s - 1;
        int end = raw.size() - rest;
        if (end <= i) {
          return null;
        }
        String joined = String.join("/", raw.subList(i, end));
        if (!seg.matches(joined)) {
          return null;
        }
        labels.put(seg.label(), decode(seg.value(joined)));
        i = end;
        continue;
      }
      if (i >= raw.size() || !seg.matches(raw.get(i))) {
        return null;
      }
      if (seg.kind() == Kind.LABEL) {
        String value = seg.value(raw.get(i));
        labels.put(seg.label(), decode(value));
      }
      i++;
    }
    return i == raw.size() ? labels : null;
  }

  private static List<String> trim(List<String> raw) {
    return !raw.isEmpty() && raw.get(raw.size() - 1).isEmpty() ? raw.subList(0, raw.size() - 1) : raw;
  }

  private List<Segment> trimSegments() {
    int n = segments.size();
    if (n > 0 && segments.get(n - 1).kind() == Kind.LITERAL && segments.get(n - 1).prefix().isEmpty()) {
      return segments.subList(0, n - 1);
    }
    return segments;
  }

  /** Percent-decoding of a path: unlike a form, {@code +} is a plus sign. */
  public static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * Orders templates from most to least specific: position by position a literal segment beats a
   * label, a label beats a greedy label; then more literal query parts first. {@code
   * /2018-10-31/layers?find=LayerVersion} so comes before {@code /2018-10-31/layers}.
   */
  static int compareSpecificity(UriTemplate a, UriTemplate b) {
    List<Segment> x = a.trimSegments();
    List<Segment> y = b.trimSegments();
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      int c = rank(x.get(i)) - rank(y.get(i));
      if (c != 0) {
        return c;
      }
    }
    int c = Integer.compare(b.query.size(), a.query.size());
    if (c != 0) {
      return c;
    }
    return Integer.compare(y.size(), x.size());
  }

  private static int rank(Segment s) {
    return switch (s.kind()) {
      case LITERAL -> 0;
      case LABEL -> s.prefix().isEmpty() && s.suffix().isEmpty() ? 2 : 1;
      case GREEDY -> 3;
    };
  }

  /** The query names the template fixes ({@code find} in {@code ?find=LayerVersion}). */
  public Map<String, String> literalQuery() {
    return query;
  }

  @Override
  public String toString() {
    return template;
  }
}
