package dev.fogbank.core.error;

/**
 * An error as AWS reports it. Engines throw it; the protocol codec of the request renders it in
 * its own shape, so an engine never builds an error body.
 *
 * <p>{@code code} is the error's name in the service model (what JSON protocols put in {@code
 * __type}); {@code queryCode} is the code the query protocol and the {@code x-amzn-query-error}
 * header of query-compatible services carry, where it differs (SQS's {@code
 * AWS.SimpleQueueService.NonExistentQueue} for {@code QueueDoesNotExist}).
 */
public class AwsException extends RuntimeException {

  private final String code;
  private final String queryCode;
  private final int status;
  private final boolean senderFault;

  public AwsException(String code, String message, int status) {
    this(code, code, message, status, status < 500);
  }

  public AwsException(String code, String queryCode, String message, int status, boolean senderFault) {
    super(message, null, false, false);
    this.code = code;
    this.queryCode = queryCode == null ? code : queryCode;
    this.status = status;
    this.senderFault = senderFault;
  }

  public String code() {
    return code;
  }

  public String queryCode() {
    return queryCode;
  }

  public int status() {
    return status;
  }

  public boolean senderFault() {
    return senderFault;
  }

  /**
   * Members this error adds to a JSON error body besides its type and message, or null for none
   * (DynamoDB's {@code CancellationReasons} of TransactionCanceledException, the {@code Item} of
   * ConditionalCheckFailedException).
   */
  public com.fasterxml.jackson.databind.node.ObjectNode details() {
    return null;
  }

  @Override
  public String toString() {
    return code + " (" + status + "): " + getMessage();
  }
}
