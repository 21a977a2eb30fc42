package dev.fogbank.core.protocol;

/** The AWS wire protocols, as service models name them in {@code metadata.protocol}. */
public enum Protocol {
  AWS_JSON_1_0,
  AWS_JSON_1_1,
  QUERY,
  REST_JSON,
  REST_XML,
  /** Smithy RPC v2 CBOR: CloudWatch as the AWS SDKs of 2025 on speak it. */
  RPC_V2_CBOR;

  /** The protocol of a model's metadata ({@code json} with its {@code jsonVersion}, {@code query}…). */
  public static Protocol of(String protocol, String jsonVersion) {
    return switch (protocol) {
      case "json" -> "1.1".equals(jsonVersion) ? AWS_JSON_1_1 : AWS_JSON_1_0;
      case "query" -> QUERY;
      case "rest-json" -> REST_JSON;
      case "rest-xml" -> REST_XML;
      case "smithy-rpc-v2-cbor" -> RPC_V2_CBOR;
      default -> throw new IllegalArgumentException("unsupported protocol " + protocol);
    };
  }

  public boolean isJson() {
    return this == AWS_JSON_1_0 || this == AWS_JSON_1_1 || this == REST_JSON;
  }
}
