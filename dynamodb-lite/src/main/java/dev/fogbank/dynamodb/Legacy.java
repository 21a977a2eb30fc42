package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * DynamoDB's legacy conditional parameters (Expected, AttributeUpdates, KeyConditions, QueryFilter,
 * ScanFilter, AttributesToGet, ConditionalOperator) are not supported: a request using one is
 * rejected rather than run with the parameter silently ignored.
 */
final class Legacy {

  private Legacy() {}

  static void reject(JsonNode input, String... parameters) {
    for (String p : parameters) {
      JsonNode v = input.get(p);
      if (v != null && !v.isNull()) {
        throw DynamoDbErrors.validation(
            "The legacy parameter "
                + p
                + " is not supported by Fogbank; use the expression parameters (ConditionExpression,"
                + " UpdateExpression, KeyConditionExpression, FilterExpression, ProjectionExpression)"
                + " instead");
      }
    }
  }
}
