package dev.fogbank.sqs;

import java.util.Map;

/** Queue tag limits: at most 50 tags, keys of 1 to 128 and values of 0 to 256 characters (SQS Developer Guide, "Tagging"). */
final class Tags {

  static final int MAX_TAGS = 50;

  private Tags() {}

  static void check(Map<String, String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw SqsErrors.invalidParameterValue("Too many tags added for queue. Maximum tags per queue is 50.");
    }
    for (Map.Entry<String, String> e : tags.entrySet()) {
      if (e.getKey().isEmpty() || e.getKey().length() > 128) {
        throw SqsErrors.invalidParameterValue("Tag keys must be between 1 and 128 characters in length.");
      }
      if (e.getValue() != null && e.getValue().length() > 256) {
        throw SqsErrors.invalidParameterValue("Tag values may only be up to 256 characters in length.");
      }
    }
  }
}
