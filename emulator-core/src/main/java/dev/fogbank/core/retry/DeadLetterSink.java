package dev.fogbank.core.retry;

/**
 * Where a payload goes when its retries are exhausted or its failure is final: an SQS dead-letter
 * queue, an SNS topic, a Lambda on-failure destination — or nowhere, as AWS discards it when no
 * target is configured.
 */
@FunctionalInterface
public interface DeadLetterSink<P> {

  /**
   * Takes a payload that could not be delivered.
   *
   * @param attempts how many attempts were made
   * @param lastError the last attempt's failure, as the target may record it
   */
  void deadLetter(P payload, int attempts, String lastError);

  /** Drops the payload, as AWS does without a dead-letter target. */
  static <P> DeadLetterSink<P> discard() {
    return (payload, attempts, lastError) -> {};
  }
}
