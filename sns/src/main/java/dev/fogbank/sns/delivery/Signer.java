package dev.fogbank.sns.delivery;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Signs SNS messages as SNS does: an RSA key pair made when the service starts, {@code SignatureVersion} 1
 * (SHA1withRSA) or 2 (SHA256withRSA) over the canonical string, and a self-signed X.509
 * certificate for the public key, served at the {@code SigningCertURL}, so that subscribers can
 * verify messages with the usual SNS verification code ("Verifying the signatures of Amazon SNS
 * messages", SNS developer guide).
 */
public final class Signer {

  private record Material(KeyPair keys, byte[] certificate) {}

  /**
   * Made on a background thread: a 2048-bit RSA key takes from tens of milliseconds to seconds,
   * which start-up should not wait for. The first signature waits if it is not ready yet.
   */
  private final CompletableFuture<Material> material;

  private final String certificateName;

  public Signer(Instant now) {
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    this.certificateName = "SimpleNotificationService-" + HexFormat.of().formatHex(id) + ".pem";
    this.material =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair keys = generator.generateKeyPair();
                return new Material(keys, selfSigned(keys, now));
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSA is not available", e);
              }
            },
            command -> Thread.ofVirtual().start(command));
  }

  /** The certificate's file name, as SNS names its own ({@code SimpleNotificationService-<hex>.pem}). */
  public String certificateName() {
    return certificateName;
  }

  /** The certificate in PEM, as the SigningCertURL serves it. */
  public String certificatePem() {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(material.join().certificate());
    return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
  }

  /** The base64 signature of {@code canonical} for signature version "1" or "2". */
  public String sign(String canonical, String signatureVersion) {
    try {
      Signature s = Signature.getInstance("2".equals(signatureVersion) ? "SHA256withRSA" : "SHA1withRSA");
      s.initSign(material.join().keys().getPrivate());
      s.update(canonical.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // A minimal DER encoder for one self-signed certificate (RFC 5280): the JDK can parse and
  // verify certificates but has no public API to make one.

  private static final byte[] SHA256_WITH_RSA = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x0B};
  private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};

  private static byte[] selfSigned(KeyPair keys, Instant now) throws GeneralSecurityException {
    byte[] algorithm = der(0x30, der(0x06, SHA256_WITH_RSA), der(0x05));
    byte[] name = der(0x30, der(0x31, der(0x30, der(0x06, COMMON_NAME), der(0x0C, "sns.amazonaws.com".getBytes(StandardCharsets.UTF_8)))));
    DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    byte[] validity =
        der(
            0x30,
            der(0x17, utc.format(now.minusSeconds(86_400)).getBytes(StandardCharsets.US_ASCII)),
            der(0x17, utc.format(now.plusSeconds(10L * 365 * 86_400)).getBytes(StandardCharsets.US_ASCII)));
    byte[] tbs =
        der(
            0x30,
            der(0xA0, der(0x02, new byte[] {2})),
            der(0x02, BigInteger.valueOf(now.toEpochMilli()).toByteArray()),
            algorithm,
            name,
            validity,
            name,
            keys.getPublic().getEncoded());
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(keys.getPrivate());
    s.update(tbs);
    byte[] signature = s.sign();
    byte[] bits = new byte[signature.length + 1];
    System.arraycopy(signature, 0, bits, 1, signature.length);
    return der(0x30, tbs, algorithm, der(0x03, bits));
  }

  private static byte[] der(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      content.writeBytes(p);
    }
    int length = content.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else {
      byte[] l = BigInteger.valueOf(length).toByteArray();
      int skip = l[0] == 0 ? 1 : 0;
      out.write(0x80 | (l.length - skip));
      out.write(l, skip, l.length - skip);
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }
}
