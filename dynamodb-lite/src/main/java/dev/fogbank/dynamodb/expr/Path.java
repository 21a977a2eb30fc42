package dev.fogbank.dynamodb.expr;

import java.util.List;

/**
 * A document path: a top-level attribute name followed by map keys ({@code .name}) and list
 * indexes ({@code [2]}). Elements are {@link String} names or {@link Integer} indexes.
 */
public record Path(List<Object> elements) {

  public Path {
    elements = List.copyOf(elements);
  }

  public static Path of(Object... elements) {
    return new Path(List.of(elements));
  }

  public String head() {
    return (String) elements.get(0);
  }

  public int size() {
    return elements.size();
  }

  public boolean isTopLevel() {
    return elements.size() == 1;
  }

  public Path parent() {
    return new Path(elements.subList(0, elements.size() - 1));
  }

  public Object last() {
    return elements.get(elements.size() - 1);
  }

  /** Whether one path is a prefix of the other (they overlap, as DynamoDB says). */
  public boolean overlaps(Path other) {
    int n = Math.min(size(), other.size());
    return elements.subList(0, n).equals(other.elements.subList(0, n));
  }

  /** Whether the paths diverge only in a way DynamoDB calls a conflict: name vs index at one level. */
  public boolean conflicts(Path other) {
    int n = Math.min(size(), other.size());
    for (int i = 0; i < n; i++) {
      Object a = elements.get(i);
      Object b = other.elements.get(i);
      if (!a.equals(b)) {
        return a.getClass() != b.getClass();
      }
    }
    return false;
  }

  /** As DynamoDB prints a path in messages: {@code [a, b, [2]]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Object e = elements.get(i);
      sb.append(e instanceof Integer ? "[" + e + "]" : e);
    }
    return sb.append(']').toString();
  }
}
