package dev.fogbank.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import java.util.Base64;

/**
 * The bytes of a blob member in an input or output tree. Trees carry blobs as base64 strings (the
 * JSON protocols' form), except where an in-process caller or a handler passes raw bytes as a
 * {@link BinaryNode} to spare a base64 round trip on large payloads.
 */
public final class Blobs {

  private Blobs() {}

  public static byte[] bytes(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new byte[0];
    }
    if (node.isBinary()) {
      return ((BinaryNode) node).binaryValue();
    }
    return Base64.getMimeDecoder().decode(node.asText());
  }
}
