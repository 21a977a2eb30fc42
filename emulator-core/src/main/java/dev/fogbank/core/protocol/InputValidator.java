package dev.fogbank.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.model.ShapeSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks an input tree against the constraints of its shape — required members, lengths, value
 * ranges, enums and patterns — and reports each broken one as AWS's request validation does
 * (Coral's {@code 1 validation error detected: Value null at 'tableName' failed to satisfy
 * constraint: Member must not be null}). Services decide which error code carries the report.
 */
public final class InputValidator {

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
  private static final Pattern UNCOMPILABLE = Pattern.compile("");
  private static final ShapeSearch CONSTRAINED = new ShapeSearch(InputValidator::constrainedAlone);

  private InputValidator() {}

  public static List<Violation> validate(Shape shape, JsonNode input) {
    List<Violation> violations = new ArrayList<>(0);
    if (shape != null && constrained(shape)) {
      structure(shape, input, null, violations);
    }
    return violations;
  }

  /** The Coral summary: {@code 2 validation errors detected: …; …}. */
  public static String summary(List<Violation> violations) {
    StringBuilder sb = new StringBuilder();
    sb.append(violations.size())
        .append(violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
    for (int i = 0; i < violations.size(); i++) {
      if (i > 0) {
        sb.append("; ");
      }
      sb.append(violations.get(i).describe());
    }
    return sb.toString();
  }

  /**
   * Whether a shape, or any shape inside it, carries a constraint this validator checks. A
   * subtree without one (a DynamoDB item's attribute values) is not walked at all.
   */
  static boolean constrained(Shape shape) {
    return CONSTRAINED.anyWithin(shape);
  }

  private static boolean constrainedAlone(Shape shape) {
    boolean bounded = shape.min() != null || shape.max() != null;
    return switch (shape.type()) {
      case STRUCTURE -> !shape.required().isEmpty();
      case LIST, MAP, BLOB, INTEGER, LONG, FLOAT, DOUBLE, BIGDECIMAL -> bounded;
      case STRING -> bounded || shape.enumValues() != null || shape.pattern() != null;
      default -> false;
    };
  }

  /**
   * A member's path as Coral prints it ({@code keySchema.1.member.attributeName}), put together
   * only when a violation names it.
   */
  private record Path(Path parent, String separator, String segment, String suffix) {
    static Path member(Path parent, String name) {
      return new Path(parent, parent == null ? "" : ".", lowerCamel(name), "");
    }

    String render() {
      StringBuilder sb = new StringBuilder();
      append(sb);
      return sb.toString();
    }

    private void append(StringBuilder sb) {
      if (parent != null) {
        parent.append(sb);
      }
      sb.append(separator).append(segment).append(suffix);
    }
  }

  private static void structure(Shape shape, JsonNode node, Path parent, List<Violation> out) {
    for (Map.Entry<String, Member> e : shape.members().entrySet()) {
      Member member = e.getValue();
      JsonNode value = node.get(e.getKey());
      if (value == null || value.isNull()) {
        if (shape.required().contains(e.getKey())) {
          out.add(
              new Violation(
                  Path.member(parent, e.getKey()).render(),
                  e.getKey(),
                  "null",
                  Violation.Kind.REQUIRED,
                  "Member must not be null"));
        }
        continue;
      }
      if (constrained(member.shape())) {
        value(member.shape(), value, Path.member(parent, e.getKey()), e.getKey(), out);
      }
    }
  }

  private static void value(Shape shape, JsonNode node, Path path, String name, List<Violation> out) {
    switch (shape.type()) {
      case STRUCTURE -> {
        if (node.isObject()) {
          structure(shape, node, path, out);
        }
      }
      case LIST -> {
        length(shape, node.size(), node, path, name, out);
        Shape item = shape.listMember().shape();
        if (constrained(item)) {
          int i = 1;
          for (JsonNode element : node) {
            value(item, element, new Path(path, ".", Integer.toString(i++), ".member"), name, out);
          }
        }
      }
      case MAP -> {
        length(shape, node.size(), node, path, name, out);
        Shape valueShape = shape.mapValue().shape();
        if (constrained(valueShape)) {
          for (Map.Entry<String, JsonNode> e : node.properties()) {
            value(valueShape, e.getValue(), new Path(path, ".", e.getKey(), ""), name, out);
          }
        }
      }
      case STRING -> {
        String text = node.asText();
        length(shape, text.codePointCount(0, text.length()), node, path, name, out);
        if (shape.enumValues() != null && !shape.enumValues().contains(text)) {
          out.add(
              new Violation(
                  path.render(),
                  name,
                  quoted(node),
                  Violation.Kind.ENUM,
                  "Member must satisfy enum value set: " + shape.enumValues()));
        }
        if (shape.pattern() != null && !matches(shape.pattern(), text)) {
          out.add(
              new Violation(
                  path.render(),
                  name,
                  quoted(node),
                  Violation.Kind.PATTERN,
                  "Member must satisfy regular expression pattern: " + shape.pattern()));
        }
      }
      case BLOB -> length(shape, node.asText().length() * 3 / 4, node, path, name, out);
      case INTEGER, LONG, FLOAT, DOUBLE, BIGDECIMAL -> {
        if (!node.isNumber()) {
          return;
        }
        double v = node.asDouble();
        if (shape.min() != null && v < shape.min()) {
          out.add(
              new Violation(
                  path.render(),
                  name,
                  quoted(node),
                  Violation.Kind.RANGE,
                  "Member must have value greater than or equal to " + number(shape.min())));
        } else if (shape.max() != null && v > shape.max()) {
          out.add(
              new Violation(
                  path.render(),
                  name,
                  quoted(node),
                  Violation.Kind.RANGE,
                  "Member must have value less than or equal to " + number(shape.max())));
        }
      }
      default -> {}
    }
  }

  private static void length(Shape shape, int length, JsonNode node, Path path, String name, List<Violation> out) {
    if (shape.min() != null && length < shape.min()) {
      out.add(
          new Violation(
              path.render(),
              name,
              quoted(node),
              Violation.Kind.LENGTH,
              "Member must have length greater than or equal to " + number(shape.min())));
    } else if (shape.max() != null && length > shape.max()) {
      out.add(
          new Violation(
              path.render(),
              name,
              quoted(node),
              Violation.Kind.LENGTH,
              "Member must have length less than or equal to " + number(shape.max())));
    }
  }

  private static boolean matches(String regex, String text) {
    Pattern p =
        PATTERNS.computeIfAbsent(
            regex,
            r -> {
              try {
                return Pattern.compile(r);
              } catch (PatternSyntaxException e) {
                return UNCOMPILABLE;
              }
            });
    return p == UNCOMPILABLE || p.matcher(text).matches();
  }

  private static String quoted(JsonNode node) {
    return "'" + (node.isValueNode() ? node.asText() : node.toString()) + "'";
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  static String lowerCamel(String name) {
    if (name.isEmpty() || Character.isLowerCase(name.charAt(0))) {
      return name;
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
