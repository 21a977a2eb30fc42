package dev.fogbank.sns.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sns.filter.FilterPolicy;

/**
 * A message attribute as published: {@code DataType} (String, Number, Binary, each with an
 * optional custom suffix, or String.Array), and a string or base64 binary value.
 */
public record MessageAttribute(String dataType, String stringValue, String binaryValue) {

  public boolean binary() {
    return dataType.startsWith("Binary");
  }

  /** The attribute as SQS's SendMessage takes it: {@code {DataType, StringValue|BinaryValue}}. */
  public ObjectNode sqsShape() {
    ObjectNode node = Json.object().put("DataType", dataType);
    if (binary()) {
      node.put("BinaryValue", binaryValue);
    } else {
      node.put("StringValue", stringValue);
    }
    return node;
  }

  /** The attribute in an SNS JSON envelope: {@code {"Type": …, "Value": …}}. */
  public ObjectNode envelopeShape() {
    return Json.object().put("Type", dataType).put("Value", binary() ? binaryValue : stringValue);
  }

  public FilterPolicy.AttributeValue filterValue() {
    return new FilterPolicy.AttributeValue(dataType, binary() ? null : stringValue);
  }
}
