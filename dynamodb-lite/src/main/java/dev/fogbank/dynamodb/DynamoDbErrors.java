package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import java.util.List;

/** DynamoDB's errors, with the codes and wording DynamoDB answers (HTTP 400 unless noted). */
public final class DynamoDbErrors {

  private DynamoDbErrors() {}

  public static AwsException validation(String message) {
    return new AwsException("ValidationException", message, 400);
  }

  /** Data-plane operations on a missing table answer without naming it. */
  public static AwsException resourceNotFound() {
    return new AwsException("ResourceNotFoundException", "Requested resource not found", 400);
  }

  /** DescribeTable, DeleteTable, UpdateTable and friends name the missing table. */
  public static AwsException tableNotFound(String table) {
    return new AwsException(
        "ResourceNotFoundException", "Requested resource not found: Table: " + table + " not found", 400);
  }

  public static AwsException resourceNotFound(String message) {
    return new AwsException("ResourceNotFoundException", message, 400);
  }

  public static AwsException resourceInUse(String message) {
    return new AwsException("ResourceInUseException", message, 400);
  }

  public static AwsException conditionalCheckFailed() {
    return new ConditionalCheckFailed(null);
  }

  public static AwsException limitExceeded(String message) {
    return new AwsException("LimitExceededException", message, 400);
  }

  public static AwsException idempotentParameterMismatch() {
    return new AwsException(
        "IdempotentParameterMismatchException",
        "Request with same client-token but different request parameters was found",
        400);
  }

  /**
   * {@code ConditionalCheckFailedException}; carries the item when the request asked for it with
   * {@code ReturnValuesOnConditionCheckFailure: ALL_OLD}.
   */
  public static final class ConditionalCheckFailed extends AwsException {
    private final ObjectNode item;

    public ConditionalCheckFailed(ObjectNode item) {
      super("ConditionalCheckFailedException", "The conditional request failed", 400);
      this.item = item;
    }

    public ObjectNode item() {
      return item;
    }

    @Override
    public ObjectNode details() {
      return item == null ? null : Json.object().set("Item", item);
    }
  }

  /**
   * {@code TransactionCanceledException}: one cancellation reason per action of the transaction,
   * in order, {@code None} for those that were fine.
   */
  public static final class TransactionCanceled extends AwsException {
    private final ArrayNode reasons;

    public TransactionCanceled(ArrayNode reasons, List<String> codes) {
      super(
          "TransactionCanceledException",
          "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes,
          400);
      this.reasons = reasons;
    }

    @Override
    public ObjectNode details() {
      return Json.object().set("CancellationReasons", reasons);
    }
  }
}
