package dev.fogbank.lambda.invoke;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The {@code application/vnd.amazon.eventstream} framing of a response stream: each message is a
 * prelude (total length, headers length, CRC32 of those 8 bytes), headers ({@code :message-type},
 * {@code :event-type}, {@code :content-type} as string headers, type 7), the payload, and a CRC32
 * of everything before it — the binary format the AWS SDKs decode.
 */
public final class EventStreamMessages {

  private static final byte STRING = 7;

  private EventStreamMessages() {}

  /** An event message of the given type whose payload has {@code contentType}. */
  public static byte[] event(String eventType, String contentType, byte[] payload) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":event-type", eventType);
    headers.put(":content-type", contentType);
    headers.put(":message-type", "event");
    return message(headers, payload);
  }

  static byte[] message(Map<String, String> headers, byte[] payload) {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : headers.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
      h.write(name.length);
      h.writeBytes(name);
      h.write(STRING);
      h.write((value.length >> 8) & 0xff);
      h.write(value.length & 0xff);
      h.writeBytes(value);
    }
    byte[] headerBytes = h.toByteArray();
    int total = 12 + headerBytes.length + payload.length + 4;
    ByteBuffer buffer = ByteBuffer.allocate(total);
    buffer.putInt(total);
    buffer.putInt(headerBytes.length);
    CRC32 prelude = new CRC32();
    prelude.update(buffer.array(), 0, 8);
    buffer.putInt((int) prelude.getValue());
    buffer.put(headerBytes);
    buffer.put(payload);
    CRC32 all = new CRC32();
    all.update(buffer.array(), 0, total - 4);
    buffer.putInt((int) all.getValue());
    return buffer.array();
  }
}
