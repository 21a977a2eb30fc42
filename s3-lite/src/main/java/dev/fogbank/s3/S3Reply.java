package dev.fogbank.s3;

import com.fasterxml.jackson.databind.node.POJONode;
import dev.fogbank.core.protocol.StreamedBody;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an S3 operation answers: status, headers and a body (XML, raw bytes or a streamed object).
 * Handlers hand it to {@link S3Codec} inside a POJO node, since S3's wire is written by hand.
 */
public final class S3Reply {

  final int status;
  final Map<String, String> headers = new LinkedHashMap<>();
  byte[] body = new byte[0];
  StreamedBody stream;

  S3Reply(int status) {
    this.status = status;
  }

  static S3Reply ok() {
    return new S3Reply(200);
  }

  static S3Reply noContent() {
    return new S3Reply(204);
  }

  static S3Reply xml(String xml) {
    S3Reply reply = new S3Reply(200);
    reply.headers.put("Content-Type", "application/xml");
    reply.body = xml.getBytes(StandardCharsets.UTF_8);
    return reply;
  }

  S3Reply header(String name, String value) {
    if (value != null) {
      headers.put(name, value);
    }
    return this;
  }

  POJONode node() {
    return new POJONode(this);
  }
}
