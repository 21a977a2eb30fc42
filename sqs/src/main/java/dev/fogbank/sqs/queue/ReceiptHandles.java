package dev.fogbank.sqs.queue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Receipt handles: opaque base64 like SQS's, naming the queue instance, the message and which
 * receive of it they belong to — so a handle of an earlier receive is recognised as stale, and a
 * handle of a deleted and re-created queue as foreign.
 */
final class ReceiptHandles {

  record Parsed(String queueUid, String messageId, int generation) {}

  private ReceiptHandles() {}

  static String of(String queueUid, String messageId, int generation) {
    String raw =
        queueUid + " " + messageId + " " + generation + " " + Long.toHexString(ThreadLocalRandom.current().nextLong());
    return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The parts of a handle, or null when it is not one of ours. */
  static Parsed parse(String handle) {
    try {
      String raw = new String(Base64.getDecoder().decode(handle), StandardCharsets.UTF_8);
      String[] parts = raw.split(" ");
      if (parts.length != 4) {
        return null;
      }
      return new Parsed(parts[0], parts[1], Integer.parseInt(parts[2]));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
