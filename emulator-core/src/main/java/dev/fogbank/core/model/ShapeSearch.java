package dev.fogbank.core.model;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Whether a shape, or any shape inside it (its members', list members' and map values' shapes, at
 * any depth), meets a condition. Models do not change, so each shape's answer is found once and
 * remembered: request paths ask it for every input to skip walks that cannot find anything.
 */
public final class ShapeSearch {

  private final Predicate<Shape> condition;
  private final Map<Shape, Boolean> answers = new ConcurrentHashMap<>();

  /** {@code condition} looks at one shape alone; the search goes inside it. */
  public ShapeSearch(Predicate<Shape> condition) {
    this.condition = condition;
  }

  public boolean anyWithin(Shape shape) {
    Boolean known = answers.get(shape);
    if (known == null) {
      known = search(shape, Collections.newSetFromMap(new IdentityHashMap<>()));
      answers.put(shape, known);
    }
    return known;
  }

  private boolean search(Shape shape, Set<Shape> visiting) {
    if (!visiting.add(shape)) {
      return false; // a recursive shape: it was looked at where the search first met it
    }
    if (condition.test(shape)) {
      return true;
    }
    return switch (shape.type()) {
      case STRUCTURE -> {
        for (Member m : shape.members().values()) {
          if (search(m.shape(), visiting)) {
            yield true;
          }
        }
        yield false;
      }
      case LIST -> search(shape.listMember().shape(), visiting);
      case MAP -> search(shape.mapValue().shape(), visiting);
      default -> false;
    };
  }
}
