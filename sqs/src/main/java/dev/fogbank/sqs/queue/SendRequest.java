package dev.fogbank.sqs.queue;

import java.util.Map;

/** A SendMessage (or one SendMessageBatch entry) as the queue sees it; attribute maps sorted by name. */
public record SendRequest(
    String body,
    Integer delaySeconds,
    Map<String, MessageAttribute> attributes,
    Map<String, MessageAttribute> systemAttributes,
    String groupId,
    String deduplicationId,
    String senderId) {}
