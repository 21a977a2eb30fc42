package dev.fogbank.sqs.queue;

/**
 * One message as one ReceiveMessage returned it: the receipt handle of this receive and the
 * receive state at that moment (the message itself may move on meanwhile).
 */
public record Delivery(Message message, String receiptHandle, int receiveCount, long firstReceiveTimestamp) {}
