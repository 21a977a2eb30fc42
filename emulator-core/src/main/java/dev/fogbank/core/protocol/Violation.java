package dev.fogbank.core.protocol;

/**
 * One broken constraint of an operation's input, in the terms AWS's validation reports it.
 *
 * @param path the member's path as AWS prints it ({@code keySchema.1.member.attributeName})
 * @param member the member's model name ({@code AttributeName})
 * @param value the offending value as AWS prints it ({@code null}, {@code 'x'})
 * @param kind what was broken
 * @param constraint AWS's wording of the constraint ({@code Member must not be null})
 */
public record Violation(String path, String member, String value, Kind kind, String constraint) {

  public enum Kind {
    REQUIRED, LENGTH, RANGE, ENUM, PATTERN
  }

  /** {@code Value null at 'tableName' failed to satisfy constraint: Member must not be null}. */
  public String describe() {
    return "Value " + value + " at '" + path + "' failed to satisfy constraint: " + constraint;
  }
}
