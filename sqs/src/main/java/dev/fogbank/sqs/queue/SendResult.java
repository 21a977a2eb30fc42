package dev.fogbank.sqs.queue;

/** What SendMessage answers. MD5 digests of absent attributes and a standard queue's sequence number are null. */
public record SendResult(
    String messageId, String md5OfBody, String md5OfAttributes, String md5OfSystemAttributes, String sequenceNumber) {}
