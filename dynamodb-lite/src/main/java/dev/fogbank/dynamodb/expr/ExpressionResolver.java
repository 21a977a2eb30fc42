package dev.fogbank.dynamodb.expr;

import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.AttributeValues;
import dev.fogbank.dynamodb.item.KeyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The meaning pass over a parsed expression: resolves {@code #names} and {@code :values}, rejects
 * reserved words and checks functions and operands. Like DynamoDB it reports one error, choosing
 * by category in DynamoDB's order (redundant parentheses, unknown function, misused function,
 * reserved word, then undefined placeholder / operand count / distinct operands / operand type).
 */
final class ExpressionResolver {

  /** Boolean functions of conditions and their operand counts; {@code size} is the one operand function. */
  private static final Map<String, Integer> CONDITION_FUNCTIONS =
      Map.of(
          "attribute_exists", 1,
          "attribute_not_exists", 1,
          "attribute_type", 2,
          "begins_with", 2,
          "contains", 2,
          "size", 1);

  private static final Map<String, Integer> UPDATE_FUNCTIONS = Map.of("if_not_exists", 2, "list_append", 2);

  static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M");

  private enum Category {
    UNKNOWN_FUNCTION,
    MISUSED_FUNCTION,
    RESERVED,
    UNDEFINED,
    OPERAND_COUNT,
    DISTINCT,
    OPERAND_TYPE
  }

  private final String kind;
  private final ExpressionContext context;
  private final String[] errors = new String[Category.values().length];

  ExpressionResolver(String kind, ExpressionContext context) {
    this.kind = kind;
    this.context = context;
  }

  private void report(Category category, String message) {
    if (errors[category.ordinal()] == null) {
      errors[category.ordinal()] = message;
    }
  }

  void throwFirst() {
    for (String message : errors) {
      if (message != null) {
        throw ExpressionException.invalid(kind, message);
      }
    }
  }

  Condition condition(Condition c, boolean top) {
    return switch (c) {
      case Condition.And a -> new Condition.And(condition(a.left(), false), condition(a.right(), false));
      case Condition.Or o -> new Condition.Or(condition(o.left(), false), condition(o.right(), false));
      case Condition.Not n -> new Condition.Not(condition(n.condition(), false));
      case Condition.Compare cmp -> {
        Operand l = operand(cmp.left());
        Operand r = operand(cmp.right());
        distinct(cmp.op(), l, r);
        yield new Condition.Compare(cmp.op(), l, r);
      }
      case Condition.Between b -> {
        Operand v = operand(b.value());
        Operand lo = operand(b.low());
        Operand hi = operand(b.high());
        if (lo instanceof Operand.Value x && hi instanceof Operand.Value y && x.value() != null && y.value() != null) {
          between(x.value(), y.value());
        }
        yield new Condition.Between(v, lo, hi);
      }
      case Condition.In in -> {
        Operand v = operand(in.value());
        List<Operand> candidates = new ArrayList<>();
        in.candidates().forEach(x -> candidates.add(operand(x)));
        yield new Condition.In(v, candidates);
      }
      case Condition.Function f -> {
        Integer arity = CONDITION_FUNCTIONS.get(f.name());
        if (arity == null) {
          report(Category.UNKNOWN_FUNCTION, "Invalid function name; function: " + f.name());
        } else if (f.name().equals("size")) {
          report(
              Category.MISUSED_FUNCTION,
              "The function is not allowed to be used this way in an expression; function: size");
        }
        List<Operand> args = new ArrayList<>();
        f.args().forEach(x -> args.add(operand(x)));
        if (arity != null) {
          function(f.name(), arity, args);
        }
        yield new Condition.Function(f.name(), args);
      }
    };
  }

  private void between(AttributeValue low, AttributeValue high) {
    String bounds =
        "lower bound operand: AttributeValue: {"
            + low.type()
            + ":"
            + AttributeValues.describe(low)
            + "}, upper bound operand: AttributeValue: {"
            + high.type()
            + ":"
            + AttributeValues.describe(high)
            + "}";
    if (!low.type().equals(high.type())) {
      report(Category.OPERAND_TYPE, "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
    } else if (KeyOrder.comparable(low, high) && KeyOrder.INSTANCE.compare(low, high) > 0) {
      report(
          Category.OPERAND_TYPE,
          "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " + bounds);
    }
  }

  private void distinct(String op, Operand a, Operand b) {
    if (a instanceof Operand.PathRef x && b instanceof Operand.PathRef y && x.path().equals(y.path())) {
      report(
          Category.DISTINCT,
          "The first operand must be distinct from the remaining operands for this operator or function; operator: "
              + op
              + ", first operand: "
              + x.path());
    }
  }

  private void function(String name, int arity, List<Operand> args) {
    if (args.size() != arity) {
      report(
          Category.OPERAND_COUNT,
          "Incorrect number of operands for operator or function; operator or function: "
              + name
              + ", number of operands: "
              + args.size());
      return;
    }
    if (args.size() == 2) {
      distinct(name, args.get(0), args.get(1));
    }
    switch (name) {
      case "attribute_exists", "attribute_not_exists" -> {
        if (!(args.get(0) instanceof Operand.PathRef)) {
          report(Category.OPERAND_TYPE, "Operator or function requires a document path; operator or function: " + name);
        }
      }
      case "begins_with" -> {
        for (Operand a : args) {
          String t = constantType(a);
          if (t != null && !t.equals("S") && !t.equals("B")) {
            operandType(name, t);
            return;
          }
        }
      }
      case "attribute_type" -> {
        AttributeValue type = args.get(1) instanceof Operand.Value v ? v.value() : null;
        if (!(type instanceof AttributeValue.S s)) {
          operandType(name, type == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : type.type());
        } else if (!TYPE_NAMES.contains(s.value())) {
          report(
              Category.OPERAND_TYPE,
              "Invalid attribute type name found; type: "
                  + s.value()
                  + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        }
      }
      case "size" -> {
        String t = constantType(args.get(0));
        if (t != null && (t.equals("N") || t.equals("BOOL") || t.equals("NULL"))) {
          operandType(name, t);
        }
      }
      default -> {}
    }
  }

  private void operandType(String name, String type) {
    report(
        Category.OPERAND_TYPE,
        "Incorrect operand type for operator or function; operator or function: " + name + ", operand type: " + type);
  }

  private static String constantType(Operand o) {
    return o instanceof Operand.Value v && v.value() != null ? v.value().type() : null;
  }

  /** An operand of a condition: only {@code size} may be a function here. */
  private Operand operand(Operand o) {
    return switch (o) {
      case Operand.PathRef p -> new Operand.PathRef(path(p.path()));
      case Operand.Value v -> value(v);
      case Operand.Call call -> {
        Integer arity = CONDITION_FUNCTIONS.get(call.name());
        if (arity == null) {
          report(Category.UNKNOWN_FUNCTION, "Invalid function name; function: " + call.name());
        } else if (!call.name().equals("size")) {
          report(
              Category.MISUSED_FUNCTION,
              "The function is not allowed to be used this way in an expression; function: " + call.name());
        }
        List<Operand> args = new ArrayList<>();
        call.args().forEach(x -> args.add(operand(x)));
        if (arity != null) {
          function(call.name(), arity, args);
        }
        yield new Operand.Call(call.name(), args);
      }
      case Operand.Arithmetic a -> new Operand.Arithmetic(a.op(), operand(a.left()), operand(a.right()));
    };
  }

  private Operand.Value value(Operand.Value v) {
    AttributeValue resolved = context.value(v.placeholder());
    if (resolved == null) {
      report(
          Category.UNDEFINED,
          "An expression attribute value used in expression is not defined; attribute value: " + v.placeholder());
    }
    return new Operand.Value(v.placeholder(), resolved);
  }

  Path path(Path raw) {
    List<Object> elements = new ArrayList<>();
    for (Object e : raw.elements()) {
      if (e instanceof String name && name.startsWith("#")) {
        String resolved = context.name(name);
        if (resolved == null) {
          report(
              Category.UNDEFINED,
              "An expression attribute name used in the document path is not defined; attribute name: " + name);
          resolved = name;
        }
        elements.add(resolved);
      } else {
        if (e instanceof String name && ReservedWords.isReserved(name)) {
          report(Category.RESERVED, "Attribute name is a reserved keyword; reserved keyword: " + name);
        }
        elements.add(e);
      }
    }
    return new Path(elements);
  }

  UpdateAction action(UpdateAction a) {
    return switch (a) {
      case UpdateAction.Set s -> new UpdateAction.Set(path(s.path()), updateOperand(s.value()));
      case UpdateAction.Remove r -> new UpdateAction.Remove(path(r.path()));
      case UpdateAction.Add add -> {
        Operand.Value v = value((Operand.Value) add.value());
        if (v.value() != null && !(v.value() instanceof AttributeValue.N) && !v.value().isSet()) {
          report(
              Category.OPERAND_TYPE,
              "Incorrect operand type for operator or function; operator: ADD, operand type: " + typeName(v.value()));
        }
        yield new UpdateAction.Add(path(add.path()), v);
      }
      case UpdateAction.Delete d -> {
        Operand.Value v = value((Operand.Value) d.value());
        if (v.value() != null && !v.value().isSet()) {
          report(
              Category.OPERAND_TYPE,
              "Incorrect operand type for operator or function; operator: DELETE, operand type: " + typeName(v.value()));
        }
        yield new UpdateAction.Delete(path(d.path()), v);
      }
    };
  }

  private Operand updateOperand(Operand o) {
    return switch (o) {
      case Operand.PathRef p -> new Operand.PathRef(path(p.path()));
      case Operand.Value v -> value(v);
      case Operand.Arithmetic a -> {
        Operand l = updateOperand(a.left());
        Operand r = updateOperand(a.right());
        for (Operand x : List.of(l, r)) {
          if (x instanceof Operand.Value v && v.value() != null && !(v.value() instanceof AttributeValue.N)) {
            report(
                Category.OPERAND_TYPE,
                "Incorrect operand type for operator or function; operator: " + a.op() + ", operand type: "
                    + typeName(v.value()));
          }
        }
        yield new Operand.Arithmetic(a.op(), l, r);
      }
      case Operand.Call call -> {
        Integer arity = UPDATE_FUNCTIONS.get(call.name());
        if (arity == null) {
          if (CONDITION_FUNCTIONS.containsKey(call.name())) {
            report(
                Category.MISUSED_FUNCTION,
                "The function is not allowed in an update expression; function: " + call.name());
          } else {
            report(Category.UNKNOWN_FUNCTION, "Invalid function name; function: " + call.name());
          }
        }
        List<Operand> args = new ArrayList<>();
        call.args().forEach(x -> args.add(updateOperand(x)));
        if (arity != null) {
          if (args.size() != arity) {
            report(
                Category.OPERAND_COUNT,
                "Incorrect number of operands for operator or function; operator or function: "
                    + call.name()
                    + ", number of operands: "
                    + args.size());
          } else if (call.name().equals("if_not_exists") && !(args.get(0) instanceof Operand.PathRef)) {
            report(
                Category.OPERAND_TYPE,
                "Operator or function requires a document path; operator or function: if_not_exists");
          } else if (call.name().equals("list_append")) {
            for (Operand x : args) {
              if (x instanceof Operand.Value v && v.value() != null && !(v.value() instanceof AttributeValue.L)) {
                report(
                    Category.OPERAND_TYPE,
                    "Incorrect operand type for operator or function; operator or function: list_append, operand type: "
                        + v.value().type());
              }
            }
          }
        }
        yield new Operand.Call(call.name(), args);
      }
    };
  }

  /** The type names DynamoDB uses in update-expression operand errors. */
  static String typeName(AttributeValue v) {
    return switch (v.type()) {
      case "S" -> "STRING";
      case "N" -> "NUMBER";
      case "B" -> "BINARY";
      case "BOOL" -> "BOOLEAN";
      case "NULL" -> "NULL";
      case "L" -> "LIST";
      case "M" -> "MAP";
      case "SS" -> "STRING_SET";
      case "NS" -> "NUMBER_SET";
      default -> "BINARY_SET";
    };
  }

  /** Two paths of one update or projection may not overlap or conflict. */
  void checkOverlaps(List<Path> paths) {
    for (int i = 0; i < paths.size(); i++) {
      for (int j = i + 1; j < paths.size(); j++) {
        Path a = paths.get(i);
        Path b = paths.get(j);
        if (a.overlaps(b)) {
          throw ExpressionException.invalid(
              kind,
              "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                  + a
                  + ", path two: "
                  + b);
        }
        if (a.conflicts(b)) {
          throw ExpressionException.invalid(
              kind,
              "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: "
                  + a
                  + ", path two: "
                  + b);
        }
      }
    }
  }
}
