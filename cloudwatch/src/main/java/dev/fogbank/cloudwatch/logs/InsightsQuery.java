package dev.fogbank.cloudwatch.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.error.AwsException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A subset of the CloudWatch Logs Insights query language (User Guide, "Query syntax"): commands
 * separated by {@code |} — {@code fields a, b}, {@code filter} with {@code like /regex/} or
 * {@code like "text"}, comparisons ({@code = != < <= > >=}) and {@code and}/{@code or}, {@code
 * sort <field> asc|desc}, {@code limit n}, and {@code stats count(*)|count(f)|sum|avg|min|max(f) [as
 * name], … [by field]}. Fields are the system fields ({@code @timestamp}, {@code @message}, {@code
 * @logStream}, {@code @log}, {@code @ingestionTime}) and, for JSON events, their (dotted) keys.
 * Anything else answers MalformedQueryException.
 */
final class InsightsQuery {

  /** An event as a query sees it. */
  record Row(LogEvent event, String stream, String group, JsonNode json) {

    String field(String name) {
      return switch (name) {
        case "@timestamp" -> TIME.format(Instant.ofEpochMilli(event.timestamp()));
        case "@message" -> event.message();
        case "@logStream" -> stream;
        case "@log" -> group;
        case "@ingestionTime" -> TIME.format(Instant.ofEpochMilli(event.ingestionTime()));
        default -> {
          JsonNode v = json;
          for (String part : name.split("\\.")) {
            v = v == null || !v.isObject() ? null : v.get(part);
          }
          yield v == null || v.isNull() ? null : v.isContainerNode() ? v.toString() : v.asText();
        }
      };
    }
  }

  /** Insights prints times as {@code 2026-11-25 14:44:43.000}, UTC. */
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private record Aggregate(String function, String field, String name) {}

  private final List<String> fields = new ArrayList<>();
  private final List<Predicate<Row>> filters = new ArrayList<>();
  private Comparator<Row> sort;
  private Integer limit;
  private List<Aggregate> stats;
  private String by;
  private int matched;

  static InsightsQuery parse(String query) {
    InsightsQuery q = new InsightsQuery();
    for (String command : query.split("\\|")) {
      String c = command.strip();
      if (c.isEmpty()) {
        continue;
      }
      String word = c.split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
      String rest = c.substring(word.length()).strip();
      switch (word) {
        case "fields", "display" -> {
          for (String f : rest.split(",")) {
            q.fields.add(f.strip());
          }
        }
        case "filter" -> q.filters.add(condition(rest));
        case "sort" -> {
          String[] parts = rest.split("\\s+");
          String field = parts[0];
          Comparator<Row> cmp = (a, b) -> compareKeys(sortKey(a, field), sortKey(b, field));
          q.sort = parts.length > 1 && parts[1].equalsIgnoreCase("desc") ? cmp.reversed() : cmp;
        }
        case "limit" -> {
          try {
            q.limit = Integer.parseInt(rest);
          } catch (NumberFormatException e) {
            throw malformed(c);
          }
        }
        case "stats" -> q.stats(rest);
        default -> throw malformed(c);
      }
    }
    return q;
  }

  /** Numbers before text, missing values first; numbers by value, text by its characters. */
  private static int compareKeys(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Double x && b instanceof Double y) {
      return Double.compare(x, y);
    }
    if (a instanceof Double || b instanceof Double) {
      return a instanceof Double ? -1 : 1;
    }
    return a.toString().compareTo(b.toString());
  }

  private static Object sortKey(Row r, String field) {
    if (field.equals("@timestamp")) {
      return (double) r.event().timestamp();
    }
    String v = r.field(field);
    if (v == null) {
      return null;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return v;
    }
  }

  private void stats(String rest) {
    String body = rest;
    int at = indexOfWord(rest, "by");
    if (at >= 0) {
      by = rest.substring(at + 2).strip();
      body = rest.substring(0, at).strip();
    }
    stats = new ArrayList<>();
    Pattern agg = Pattern.compile("(?i)(count|sum|avg|min|max)\\(\\s*([^)]*?)\\s*\\)(?:\\s+as\\s+(\\S+))?");
    for (String part : body.split(",(?![^(]*\\))")) {
      var m = agg.matcher(part.strip());
      if (!m.matches()) {
        throw malformed(rest);
      }
      String function = m.group(1).toLowerCase(java.util.Locale.ROOT);
      String field = m.group(2);
      stats.add(new Aggregate(function, field, m.group(3) != null ? m.group(3) : part.strip()));
    }
  }

  private static int indexOfWord(String text, String word) {
    var m = Pattern.compile("(?i)\\s" + word + "\\s").matcher(text);
    return m.find() ? m.start() + 1 : -1;
  }

  private static Predicate<Row> condition(String text) {
    int or = indexOfWord(text, "or");
    if (or >= 0) {
      return condition(text.substring(0, or)).or(condition(text.substring(or + 2)));
    }
    int and = indexOfWord(text, "and");
    if (and >= 0) {
      return condition(text.substring(0, and)).and(condition(text.substring(and + 3)));
    }
    String t = text.strip();
    var like = Pattern.compile("(?i)(\\S+)\\s+(not\\s+)?like\\s+(/(.*)/|\"(.*)\")").matcher(t);
    if (like.matches()) {
      String field = like.group(1);
      boolean negate = like.group(2) != null;
      Predicate<String> test;
      if (like.group(4) != null) {
        Pattern regex = Pattern.compile(like.group(4));
        test = v -> regex.matcher(v).find();
      } else {
        String needle = like.group(5);
        test = v -> v.contains(needle);
      }
      return r -> {
        String v = r.field(field);
        return v != null && test.test(v) != negate;
      };
    }
    var cmp = Pattern.compile("(\\S+)\\s*(!=|<=|>=|=|<|>)\\s*(.+)").matcher(t);
    if (!cmp.matches()) {
      throw malformed(text);
    }
    String field = cmp.group(1);
    String op = cmp.group(2);
    String raw = cmp.group(3).strip();
    String value = raw.length() > 1 && (raw.startsWith("\"") || raw.startsWith("'")) ? raw.substring(1, raw.length() - 1) : raw;
    return r -> {
      String v = r.field(field);
      if (v == null) {
        return false;
      }
      int c;
      try {
        c = Double.compare(Double.parseDouble(v), Double.parseDouble(value));
      } catch (NumberFormatException e) {
        c = v.compareTo(value);
      }
      return switch (op) {
        case "=" -> c == 0;
        case "!=" -> c != 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
    };
  }

  static AwsException malformed(String near) {
    return new AwsException("MalformedQueryException", "unexpected symbol found in query near: " + near, 400);
  }

  /** The result rows: field name to value, in the order the query names them. */
  List<Map<String, String>> run(List<Row> rows) {
    List<Row> matched = new ArrayList<>();
    for (Row r : rows) {
      if (filters.stream().allMatch(f -> f.test(r))) {
        matched.add(r);
      }
    }
    this.matched = matched.size();
    if (stats != null) {
      return aggregate(matched);
    }
    // Without a sort command, newest first.
    matched.sort(sort != null ? sort : Comparator.comparingLong((Row r) -> r.event().timestamp()).reversed());
    List<String> shown = fields.isEmpty() ? List.of("@timestamp", "@message") : fields;
    List<Map<String, String>> out = new ArrayList<>();
    for (Row r : matched) {
      if (limit != null && out.size() == limit) {
        break;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (String f : shown) {
        String v = r.field(f);
        if (v != null) {
          row.put(f, v);
        }
      }
      out.add(row);
    }
    return out;
  }

  /** How many events the last run's filters matched, before any limit: recordsMatched. */
  int matched() {
    return matched;
  }

  private List<Map<String, String>> aggregate(List<Row> matched) {
    Map<String, List<Row>> groups = new LinkedHashMap<>();
    for (Row r : matched) {
      groups.computeIfAbsent(by == null ? "" : String.valueOf(r.field(by)), k -> new ArrayList<>()).add(r);
    }
    List<Map<String, String>> out = new ArrayList<>();
    for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
      Map<String, String> row = new LinkedHashMap<>();
      if (by != null) {
        row.put(by, g.getKey());
      }
      for (Aggregate a : stats) {
        row.put(a.name(), format(compute(a, g.getValue())));
      }
      out.add(row);
      if (limit != null && out.size() == limit) {
        break;
      }
    }
    return out;
  }

  private static double compute(Aggregate a, List<Row> rows) {
    if (a.function().equals("count")) {
      return a.field().equals("*") || a.field().isEmpty() ? rows.size() : rows.stream().filter(r -> r.field(a.field()) != null).count();
    }
    List<Double> values = new ArrayList<>();
    for (Row r : rows) {
      try {
        String v = r.field(a.field());
        if (v != null) {
          values.add(Double.parseDouble(v));
        }
      } catch (NumberFormatException e) {
        // Non-numeric values do not count towards numeric aggregates.
      }
    }
    return switch (a.function()) {
      case "sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
      case "avg" -> values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      case "min" -> values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      default -> values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    };
  }

  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
