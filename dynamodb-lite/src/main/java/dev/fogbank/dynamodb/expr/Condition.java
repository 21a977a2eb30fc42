package dev.fogbank.dynamodb.expr;

import java.util.List;

/** A condition of a ConditionExpression, FilterExpression or KeyConditionExpression. */
public sealed interface Condition {

  /** {@code = <> < <= > >=}. */
  record Compare(String op, Operand left, Operand right) implements Condition {}

  record Between(Operand value, Operand low, Operand high) implements Condition {}

  record In(Operand value, List<Operand> candidates) implements Condition {}

  record And(Condition left, Condition right) implements Condition {}

  record Or(Condition left, Condition right) implements Condition {}

  record Not(Condition condition) implements Condition {}

  /** A boolean function: attribute_exists, attribute_not_exists, attribute_type, begins_with, contains. */
  record Function(String name, List<Operand> args) implements Condition {}
}
