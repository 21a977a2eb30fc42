package dev.fogbank.dynamodb.expr;

import dev.fogbank.dynamodb.DynamoDbErrors;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.Bytes;
import dev.fogbank.dynamodb.item.Numbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the actions of an UpdateExpression to an item (Amazon DynamoDB Developer Guide, "Update
 * expressions"). Every value is computed from the item as it was before the update, then the
 * actions are applied; REMOVEs of list elements go from the highest index down so that indexes
 * name the elements of the original list.
 */
public final class Updater {

  private Updater() {}

  /** The updated copy of {@code item}. */
  public static Map<String, AttributeValue> apply(List<UpdateAction> actions, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> before = item;
    Map<String, AttributeValue> after = new LinkedHashMap<>(item);
    List<Path> removals = new ArrayList<>();
    for (UpdateAction action : actions) {
      switch (action) {
        case UpdateAction.Set s -> Documents.set(after, s.path(), setValue(s.value(), before));
        case UpdateAction.Remove r -> removals.add(r.path());
        case UpdateAction.Add a -> add(after, a.path(), Documents.get(before, a.path()), ((Operand.Value) a.value()).value());
        case UpdateAction.Delete d ->
            delete(after, d.path(), Documents.get(before, d.path()), ((Operand.Value) d.value()).value());
      }
    }
    removals.sort(Comparator.comparingInt((Path p) -> p.last() instanceof Integer i ? i : -1).reversed());
    for (Path p : removals) {
      Documents.remove(after, p);
    }
    return after;
  }

  private static AttributeValue setValue(Operand operand, Map<String, AttributeValue> item) {
    return switch (operand) {
      case Operand.PathRef p -> {
        AttributeValue v = Documents.get(item, p.path());
        if (v == null) {
          throw DynamoDbErrors.validation("The provided expression refers to an attribute that does not exist in the item");
        }
        yield v;
      }
      case Operand.Value v -> v.value();
      case Operand.Arithmetic a -> {
        AttributeValue l = setValue(a.left(), item);
        AttributeValue r = setValue(a.right(), item);
        if (!(l instanceof AttributeValue.N x) || !(r instanceof AttributeValue.N y)) {
          throw incorrectType();
        }
        BigDecimal result = a.op() == '+' ? x.value().add(y.value()) : x.value().subtract(y.value());
        yield new AttributeValue.N(Numbers.checked(result));
      }
      case Operand.Call c when c.name().equals("if_not_exists") -> {
        AttributeValue existing = Documents.get(item, ((Operand.PathRef) c.args().get(0)).path());
        yield existing != null ? existing : setValue(c.args().get(1), item);
      }
      case Operand.Call c -> {
        AttributeValue l = setValue(c.args().get(0), item);
        AttributeValue r = setValue(c.args().get(1), item);
        if (!(l instanceof AttributeValue.L x) || !(r instanceof AttributeValue.L y)) {
          throw incorrectType();
        }
        List<AttributeValue> joined = new ArrayList<>(x.values());
        joined.addAll(y.values());
        yield new AttributeValue.L(joined);
      }
    };
  }

  private static void add(Map<String, AttributeValue> item, Path path, AttributeValue existing, AttributeValue value) {
    AttributeValue result;
    if (existing == null) {
      result = value;
    } else if (existing instanceof AttributeValue.N x && value instanceof AttributeValue.N y) {
      result = new AttributeValue.N(Numbers.checked(x.value().add(y.value())));
    } else if (existing instanceof AttributeValue.L x && value instanceof AttributeValue.L y) {
      // only the legacy AttributeUpdates ADD reaches here with lists: it appends
      List<AttributeValue> joined = new ArrayList<>(x.values());
      joined.addAll(y.values());
      result = new AttributeValue.L(joined);
    } else if (existing instanceof AttributeValue.SS x && value instanceof AttributeValue.SS y) {
      result = new AttributeValue.SS(union(x.values(), y.values()));
    } else if (existing instanceof AttributeValue.NS x && value instanceof AttributeValue.NS y) {
      result = new AttributeValue.NS(union(x.values(), y.values()));
    } else if (existing instanceof AttributeValue.BS x && value instanceof AttributeValue.BS y) {
      result = new AttributeValue.BS(union(x.values(), y.values()));
    } else {
      throw incorrectType();
    }
    Documents.set(item, path, result);
  }

  private static void delete(Map<String, AttributeValue> item, Path path, AttributeValue existing, AttributeValue value) {
    if (existing == null) {
      return;
    }
    AttributeValue result;
    if (existing instanceof AttributeValue.SS x && value instanceof AttributeValue.SS y) {
      Set<String> left = minus(x.values(), y.values());
      result = left.isEmpty() ? null : new AttributeValue.SS(left);
    } else if (existing instanceof AttributeValue.NS x && value instanceof AttributeValue.NS y) {
      Set<BigDecimal> left = minus(x.values(), y.values());
      result = left.isEmpty() ? null : new AttributeValue.NS(left);
    } else if (existing instanceof AttributeValue.BS x && value instanceof AttributeValue.BS y) {
      Set<Bytes> left = minus(x.values(), y.values());
      result = left.isEmpty() ? null : new AttributeValue.BS(left);
    } else {
      throw incorrectType();
    }
    // a set emptied by DELETE disappears: DynamoDB stores no empty sets
    if (result == null) {
      Documents.remove(item, path);
    } else {
      Documents.set(item, path, result);
    }
  }

  private static <T> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> s = new LinkedHashSet<>(a);
    s.addAll(b);
    return s;
  }

  private static <T> Set<T> minus(Set<T> a, Set<T> b) {
    Set<T> s = new LinkedHashSet<>(a);
    s.removeAll(b);
    return s;
  }

  private static dev.fogbank.core.error.AwsException incorrectType() {
    return DynamoDbErrors.validation("An operand in the update expression has an incorrect data type");
  }
}
