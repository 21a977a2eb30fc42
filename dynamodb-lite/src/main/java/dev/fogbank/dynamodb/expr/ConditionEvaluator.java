package dev.fogbank.dynamodb.expr;

import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.KeyOrder;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Evaluates a resolved condition against an item, with DynamoDB's comparison rules: {@code =} and
 * {@code <>} compare any types, ordering comparisons only values of one scalar type, and anything
 * involving a missing attribute is false except {@code <>} (Amazon DynamoDB Developer Guide,
 * "Comparison operator and function reference").
 */
public final class ConditionEvaluator {

  private ConditionEvaluator() {}

  public static boolean test(Condition condition, Map<String, AttributeValue> item) {
    return switch (condition) {
      case Condition.And a -> test(a.left(), item) && test(a.right(), item);
      case Condition.Or o -> test(o.left(), item) || test(o.right(), item);
      case Condition.Not n -> !test(n.condition(), item);
      case Condition.Compare c -> compare(c.op(), value(c.left(), item), value(c.right(), item));
      case Condition.Between b -> {
        AttributeValue v = value(b.value(), item);
        AttributeValue lo = value(b.low(), item);
        AttributeValue hi = value(b.high(), item);
        yield v != null
            && lo != null
            && hi != null
            && KeyOrder.comparable(v, lo)
            && KeyOrder.comparable(v, hi)
            && KeyOrder.INSTANCE.compare(v, lo) >= 0
            && KeyOrder.INSTANCE.compare(v, hi) <= 0;
      }
      case Condition.In in -> {
        AttributeValue v = value(in.value(), item);
        if (v == null) {
          yield false;
        }
        for (Operand candidate : in.candidates()) {
          if (v.equals(value(candidate, item))) {
            yield true;
          }
        }
        yield false;
      }
      case Condition.Function f -> function(f, item);
    };
  }

  private static boolean compare(String op, AttributeValue a, AttributeValue b) {
    if (op.equals("<>")) {
      return a == null || b == null ? a != b : !a.equals(b);
    }
    if (a == null || b == null) {
      return false;
    }
    if (op.equals("=")) {
      return a.equals(b);
    }
    if (!KeyOrder.comparable(a, b)) {
      return false;
    }
    int c = KeyOrder.INSTANCE.compare(a, b);
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  private static boolean function(Condition.Function f, Map<String, AttributeValue> item) {
    switch (f.name()) {
      case "attribute_exists":
        return value(f.args().get(0), item) != null;
      case "attribute_not_exists":
        return value(f.args().get(0), item) == null;
      case "attribute_type": {
        AttributeValue v = value(f.args().get(0), item);
        AttributeValue t = value(f.args().get(1), item);
        return v != null && t instanceof AttributeValue.S s && v.type().equals(s.value());
      }
      case "begins_with": {
        AttributeValue v = value(f.args().get(0), item);
        AttributeValue prefix = value(f.args().get(1), item);
        if (v instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
          return s.value().startsWith(p.value());
        }
        if (v instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
          return b.value().startsWith(p.value());
        }
        return false;
      }
      case "contains": {
        AttributeValue v = value(f.args().get(0), item);
        AttributeValue part = value(f.args().get(1), item);
        if (v == null || part == null) {
          return false;
        }
        return switch (v) {
          case AttributeValue.S s -> part instanceof AttributeValue.S p && s.value().contains(p.value());
          case AttributeValue.B b -> part instanceof AttributeValue.B p && b.value().contains(p.value());
          case AttributeValue.SS ss -> part instanceof AttributeValue.S p && ss.values().contains(p.value());
          case AttributeValue.NS ns -> part instanceof AttributeValue.N p && ns.values().contains(p.value());
          case AttributeValue.BS bs -> part instanceof AttributeValue.B p && bs.values().contains(p.value());
          case AttributeValue.L l -> l.values().contains(part);
          default -> false;
        };
      }
      default:
        return false;
    }
  }

  /** The value of an operand for this item; null when it names a missing attribute. */
  public static AttributeValue value(Operand operand, Map<String, AttributeValue> item) {
    return switch (operand) {
      case Operand.PathRef p -> Documents.get(item, p.path());
      case Operand.Value v -> v.value();
      case Operand.Call c when c.name().equals("size") -> size(value(c.args().get(0), item));
      case Operand.Call c -> null;
      case Operand.Arithmetic a -> null;
    };
  }

  private static AttributeValue size(AttributeValue v) {
    if (v == null) {
      return null;
    }
    long n =
        switch (v) {
          case AttributeValue.S s -> s.value().length();
          case AttributeValue.B b -> b.value().length();
          case AttributeValue.SS ss -> ss.values().size();
          case AttributeValue.NS ns -> ns.values().size();
          case AttributeValue.BS bs -> bs.values().size();
          case AttributeValue.L l -> l.values().size();
          case AttributeValue.M m -> m.values().size();
          default -> -1;
        };
    return n < 0 ? null : new AttributeValue.N(BigDecimal.valueOf(n));
  }
}
