package dev.fogbank.apigw.invoke;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An API's {@code binaryMediaTypes}: a request body whose Content-Type is one of them reaches a
 * proxy integration base64-encoded; a proxy response marked {@code isBase64Encoded} is decoded when
 * the client's Accept (or the response's Content-Type) is one of them. Entries may use {@code *}
 * wildcards ({@code image/*}, {@code *}{@code /*}).
 */
public final class BinaryMedia {

  private BinaryMedia() {}

  public static boolean matches(JsonNode binaryMediaTypes, String contentType) {
    String type = Mapping.mediaType(contentType);
    if (type == null || binaryMediaTypes == null) {
      return false;
    }
    for (JsonNode t : binaryMediaTypes) {
      String pattern = t.asText().toLowerCase();
      if (pattern.equals(type) || pattern.equals("*/*")) {
        return true;
      }
      if (pattern.endsWith("/*") && type.startsWith(pattern.substring(0, pattern.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  /** Whether any Accept entry is binary. */
  public static boolean accepts(JsonNode binaryMediaTypes, String accept) {
    if (accept == null) {
      return false;
    }
    for (String a : accept.split(",")) {
      if (matches(binaryMediaTypes, a)) {
        return true;
      }
    }
    return false;
  }
}
