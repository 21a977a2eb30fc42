package dev.fogbank.dynamodb.expr;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.dynamodb.DynamoDbErrors;
import java.util.List;

/** Builds the ValidationExceptions DynamoDB answers for a bad expression. */
final class ExpressionException {

  private ExpressionException() {}

  /** {@code Invalid ConditionExpression: <message>}. */
  static AwsException invalid(String kind, String message) {
    return DynamoDbErrors.validation("Invalid " + kind + ": " + message);
  }

  /**
   * {@code Invalid UpdateExpression: Syntax error; token: "=", near: "SET = :v"} — "near" is the
   * source from the token before the offending one to the token after it.
   */
  static AwsException syntax(String kind, String source, List<Token> tokens, int at) {
    Token token = tokens.get(at);
    int from = at > 0 ? tokens.get(at - 1).start() : token.start();
    int to = token.end();
    if (at + 1 < tokens.size() && tokens.get(at + 1).kind() != Token.Kind.EOF) {
      to = tokens.get(at + 1).end();
    }
    String near = source.substring(Math.min(from, source.length()), Math.min(to, source.length()));
    return invalid(kind, "Syntax error; token: \"" + token.display() + "\", near: \"" + near + "\"");
  }
}
