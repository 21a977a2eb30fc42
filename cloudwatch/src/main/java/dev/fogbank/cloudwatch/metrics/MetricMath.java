package dev.fogbank.cloudwatch.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;

/**
 * The arithmetic part of CloudWatch metric math (User Guide, "Using math expressions"): query
 * ids, numbers, {@code + - * /}, unary minus and parentheses. A series combined with a series
 * keeps the timestamps both have; with a number, every timestamp. Functions ({@code SUM(…)},
 * {@code METRICS()}, {@code SEARCH(…)}) and Metrics Insights queries are not supported and are
 * reported as such.
 */
final class MetricMath {

  /** A value: a time series (timestamp → value) or a scalar. */
  record Value(TreeMap<Long, Double> series, Double scalar) {}

  private final String text;
  private final Map<String, TreeMap<Long, Double>> series;
  private int pos;

  private MetricMath(String text, Map<String, TreeMap<Long, Double>> series) {
    this.text = text;
    this.series = series;
  }

  /** Evaluates an expression over the series of earlier queries, by id. */
  static TreeMap<Long, Double> evaluate(String expression, Map<String, TreeMap<Long, Double>> series) {
    MetricMath parser = new MetricMath(expression, series);
    Value v = parser.sum();
    parser.space();
    if (parser.pos != parser.text.length()) {
      throw unsupported(expression);
    }
    if (v.series() == null) {
      throw MetricsErrors.validation("The expression " + expression + " does not return a time series.");
    }
    return v.series();
  }

  private Value sum() {
    Value left = product();
    while (true) {
      space();
      if (eat('+')) {
        left = combine(left, product(), Double::sum);
      } else if (eat('-')) {
        left = combine(left, product(), (a, b) -> a - b);
      } else {
        return left;
      }
    }
  }

  private Value product() {
    Value left = unary();
    while (true) {
      space();
      if (eat('*')) {
        left = combine(left, unary(), (a, b) -> a * b);
      } else if (eat('/')) {
        left = combine(left, unary(), (a, b) -> a / b);
      } else {
        return left;
      }
    }
  }

  private Value unary() {
    space();
    if (eat('-')) {
      return combine(new Value(null, 0.0), unary(), (a, b) -> a - b);
    }
    if (eat('(')) {
      Value inner = sum();
      space();
      if (!eat(')')) {
        throw unsupported(text);
      }
      return inner;
    }
    int start = pos;
    if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      return new Value(null, Double.parseDouble(text.substring(start, pos)));
    }
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    String name = text.substring(start, pos);
    space();
    if (name.isEmpty() || (pos < text.length() && text.charAt(pos) == '(')) {
      throw unsupported(text);
    }
    TreeMap<Long, Double> s = series.get(name);
    if (s == null) {
      throw MetricsErrors.validation("Unrecognized metric id " + name + " in expression " + text + ".");
    }
    return new Value(s, null);
  }

  private static Value combine(Value a, Value b, DoubleBinaryOperator op) {
    if (a.series() == null && b.series() == null) {
      return new Value(null, op.applyAsDouble(a.scalar(), b.scalar()));
    }
    TreeMap<Long, Double> out = new TreeMap<>();
    if (a.series() != null && b.series() != null) {
      a.series().forEach((t, v) -> {
        Double w = b.series().get(t);
        if (w != null) {
          out.put(t, op.applyAsDouble(v, w));
        }
      });
    } else if (a.series() != null) {
      a.series().forEach((t, v) -> out.put(t, op.applyAsDouble(v, b.scalar())));
    } else {
      b.series().forEach((t, v) -> out.put(t, op.applyAsDouble(a.scalar(), v)));
    }
    return new Value(out, null);
  }

  private boolean eat(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void space() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private static dev.fogbank.core.error.AwsException unsupported(String expression) {
    return MetricsErrors.validation("Only arithmetic on metric ids and numbers (+ - * / and parentheses) is"
        + " supported in metric math here; functions and queries are not: " + expression);
  }
}
