package dev.fogbank.sqs.queue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The MD5 digests SQS returns and the SDKs verify: of the body (hex MD5 of its UTF-8 bytes) and of
 * the message (system) attributes, in SQS's binary encoding — for each attribute, sorted by name:
 * name, data type (each a 4-byte big-endian length and UTF-8 bytes), a transport byte (1 string,
 * 2 binary, 3 string list, 4 binary list) and the value(s), length-prefixed (SQS Developer Guide,
 * "Calculating the MD5 message digest for message attributes").
 */
public final class MessageDigests {

  private static final HexFormat HEX = HexFormat.of();

  private MessageDigests() {}

  public static String md5(String text) {
    return HEX.formatHex(md5().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The attributes' digest, or null when there are none. {@code attributes} must be sorted. */
  public static String md5(Map<String, MessageAttribute> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return null;
    }
    MessageDigest md = md5();
    for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
      MessageAttribute a = e.getValue();
      lengthAndBytes(md, e.getKey().getBytes(StandardCharsets.UTF_8));
      lengthAndBytes(md, a.dataType().getBytes(StandardCharsets.UTF_8));
      if (a.stringValue() != null) {
        md.update((byte) 1);
        lengthAndBytes(md, a.stringValue().getBytes(StandardCharsets.UTF_8));
      } else if (a.binaryValue() != null) {
        md.update((byte) 2);
        lengthAndBytes(md, a.binaryValue());
      } else if (!a.stringListValues().isEmpty()) {
        md.update((byte) 3);
        a.stringListValues().forEach(s -> lengthAndBytes(md, s.getBytes(StandardCharsets.UTF_8)));
      } else if (!a.binaryListValues().isEmpty()) {
        md.update((byte) 4);
        a.binaryListValues().forEach(b -> lengthAndBytes(md, b));
      }
    }
    return HEX.formatHex(md.digest());
  }

  private static void lengthAndBytes(MessageDigest md, byte[] bytes) {
    md.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    md.update(bytes);
  }

  /** Cloned per use: a provider lookup per message (getInstance) cost more than the digest. */
  private static final MessageDigest MD5 = newMd5();

  private static MessageDigest md5() {
    try {
      return (MessageDigest) MD5.clone();
    } catch (CloneNotSupportedException e) {
      return newMd5();
    }
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }
}
