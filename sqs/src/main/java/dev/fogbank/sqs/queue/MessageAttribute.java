package dev.fogbank.sqs.queue;

import java.util.List;

/**
 * A message attribute value as SQS stores it: its data type ({@code String}, {@code Number},
 * {@code Binary}, optionally with a custom suffix such as {@code Number.int}) and one of its values.
 */
public record MessageAttribute(
    String dataType,
    String stringValue,
    byte[] binaryValue,
    List<String> stringListValues,
    List<byte[]> binaryListValues) {

  public static MessageAttribute string(String dataType, String value) {
    return new MessageAttribute(dataType, value, null, List.of(), List.of());
  }

  public static MessageAttribute binary(String dataType, byte[] value) {
    return new MessageAttribute(dataType, null, value, List.of(), List.of());
  }

  /** The data type's prefix before any custom suffix: {@code Number.int} → {@code Number}. */
  public String baseType() {
    if (dataType == null) {
      return "";
    }
    int dot = dataType.indexOf('.');
    return dot < 0 ? dataType : dataType.substring(0, dot);
  }
}
