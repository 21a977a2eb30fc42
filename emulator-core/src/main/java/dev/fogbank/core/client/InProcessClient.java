package dev.fogbank.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Calls any operation of any registered service by name, skipping HTTP: SNS delivering to SQS,
 * Step Functions calling DynamoDB. Input and output are the engines' JSON trees; errors arrive as
 * {@link dev.fogbank.core.error.AwsException}, exactly as the service would answer them.
 */
public interface InProcessClient {

  JsonNode call(String service, String operation, String account, String region, ObjectNode input);

  /** Whether a service of that name is running. */
  boolean has(String service);
}
