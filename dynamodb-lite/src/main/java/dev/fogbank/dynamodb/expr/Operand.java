package dev.fogbank.dynamodb.expr;

import dev.fogbank.dynamodb.item.AttributeValue;
import java.util.List;

/** Something that yields a value in an expression: a path, a value placeholder, or a function. */
public sealed interface Operand {

  /** A document path; {@code raw} keeps {@code #placeholders} until they are resolved. */
  record PathRef(Path path) implements Operand {}

  /** {@code :placeholder}, with its value once resolved. */
  record Value(String placeholder, AttributeValue value) implements Operand {}

  /** A function used as an operand: {@code size(path)}, {@code if_not_exists(…)}, {@code list_append(…)}. */
  record Call(String name, List<Operand> args) implements Operand {}

  /** {@code a + b} or {@code a - b} in a SET action. */
  record Arithmetic(char op, Operand left, Operand right) implements Operand {}
}
