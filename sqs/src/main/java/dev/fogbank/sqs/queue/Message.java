package dev.fogbank.sqs.queue;

import java.util.Map;

/**
 * A message in a queue. The sent part is immutable; the receive state ({@link #visibleAt}, the
 * receive count, the receipt generation) changes only under its queue's lock.
 */
public final class Message {

  public enum State {
    /** Waiting for its delay or visibility timeout to pass. */
    PENDING,
    VISIBLE,
    IN_FLIGHT,
    DELETED
  }

  final String id;
  final String body;
  final Map<String, MessageAttribute> attributes;
  final Map<String, MessageAttribute> systemAttributes;
  final String md5OfBody;
  final String md5OfAttributes;
  final String md5OfSystemAttributes;
  final long sentTimestamp;
  final String senderId;
  final String groupId;
  final String deduplicationId;
  final String sequenceNumber;
  final String deadLetterSourceArn;
  /** Insertion order within the queue, the tie-break among messages visible at the same time. */
  final long seq;

  State state = State.PENDING;
  long visibleAt;
  int receiveCount;
  long firstReceiveTimestamp;
  long receivedAt;
  int generation;

  Message(
      String id,
      String body,
      Map<String, MessageAttribute> attributes,
      Map<String, MessageAttribute> systemAttributes,
      String md5OfBody,
      String md5OfAttributes,
      String md5OfSystemAttributes,
      long sentTimestamp,
      String senderId,
      String groupId,
      String deduplicationId,
      String sequenceNumber,
      String deadLetterSourceArn,
      long seq) {
    this.id = id;
    this.body = body;
    this.attributes = attributes;
    this.systemAttributes = systemAttributes;
    this.md5OfBody = md5OfBody;
    this.md5OfAttributes = md5OfAttributes;
    this.md5OfSystemAttributes = md5OfSystemAttributes;
    this.sentTimestamp = sentTimestamp;
    this.senderId = senderId;
    this.groupId = groupId;
    this.deduplicationId = deduplicationId;
    this.sequenceNumber = sequenceNumber;
    this.deadLetterSourceArn = deadLetterSourceArn;
    this.seq = seq;
  }

  /** A copy for another queue (dead-letter redrive, message move), keeping id, body and sent time. */
  Message copyFor(long newSeq, String sequenceNumber, String deadLetterSourceArn) {
    Message m =
        new Message(
            id, body, attributes, systemAttributes, md5OfBody, md5OfAttributes, md5OfSystemAttributes,
            sentTimestamp, senderId, groupId, deduplicationId, sequenceNumber, deadLetterSourceArn, newSeq);
    m.receiveCount = receiveCount;
    m.firstReceiveTimestamp = firstReceiveTimestamp;
    return m;
  }

  public String id() {
    return id;
  }

  public String body() {
    return body;
  }

  public Map<String, MessageAttribute> attributes() {
    return attributes;
  }

  public Map<String, MessageAttribute> systemAttributes() {
    return systemAttributes;
  }

  public String md5OfBody() {
    return md5OfBody;
  }

  public String md5OfAttributes() {
    return md5OfAttributes;
  }

  public String md5OfSystemAttributes() {
    return md5OfSystemAttributes;
  }

  public long sentTimestamp() {
    return sentTimestamp;
  }

  public String senderId() {
    return senderId;
  }

  public String groupId() {
    return groupId;
  }

  public String deduplicationId() {
    return deduplicationId;
  }

  public String sequenceNumber() {
    return sequenceNumber;
  }

  public String deadLetterSourceArn() {
    return deadLetterSourceArn;
  }

  @Override
  public String toString() {
    return "Message[" + id + " " + state + "]";
  }
}
