package dev.fogbank.s3;

import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.s3.store.S3Object;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SSE-C: the customer's key travels with each request in three headers (algorithm AES256, the
 * base64 key, its base64 MD5). S3 checks them on write and requires the same key to read.
 */
final class SseCustomer {

  static final String ALGORITHM = "x-amz-server-side-encryption-customer-algorithm";
  static final String KEY = "x-amz-server-side-encryption-customer-key";
  static final String KEY_MD5 = "x-amz-server-side-encryption-customer-key-MD5";

  private SseCustomer() {}

  static void checkHeaders(AwsRequest request) {
    String algorithm = request.header(ALGORITHM);
    String key = request.header(KEY);
    String md5 = request.header(KEY_MD5);
    if (algorithm == null && key == null && md5 == null) {
      return;
    }
    if (algorithm == null || !algorithm.equals("AES256")) {
      throw S3Errors.invalidArgument(
          "The encryption algorithm specified is not valid.", ALGORITHM, algorithm == null ? "null" : algorithm);
    }
    if (key == null) {
      throw S3Errors.invalidArgument(
          "Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.",
          KEY, "null");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      raw = new byte[0];
    }
    if (raw.length != 32) {
      throw S3Errors.invalidArgument("The secret key was invalid for the specified algorithm.", KEY, "");
    }
    if (md5 == null || !md5.equals(md5Of(raw))) {
      throw S3Errors.invalidArgument(
          "The calculated MD5 hash of the key did not match the hash that was provided.", KEY_MD5, md5);
    }
  }

  /** A read of an SSE-C object needs the same key; a read with a key of a plain object is refused too. */
  static void checkRead(AwsRequest request, S3Object object) {
    checkHeaders(request);
    String storedMd5 = object.encryption().get(KEY_MD5);
    String givenMd5 = request.header(KEY_MD5);
    if (storedMd5 == null) {
      if (givenMd5 != null) {
        throw S3Errors.invalidRequest(
            "The encryption parameters are not applicable to this object.");
      }
      return;
    }
    if (givenMd5 == null) {
      throw S3Errors.invalidRequest(
          "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.");
    }
    if (!storedMd5.equals(givenMd5)) {
      throw S3Errors.accessDenied("Access Denied");
    }
  }

  private static String md5Of(byte[] raw) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of an SSE-C source names the source's key in the {@code x-amz-copy-source-} headers. */
  static void checkCopySource(AwsRequest request, S3Object source) {
    String storedMd5 = source.encryption().get(KEY_MD5);
    if (storedMd5 == null) {
      return;
    }
    String givenMd5 = request.header("x-amz-copy-source-server-side-encryption-customer-key-MD5");
    if (givenMd5 == null) {
      throw S3Errors.invalidRequest(
          "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.");
    }
    if (!storedMd5.equals(givenMd5)) {
      throw S3Errors.accessDenied("Access Denied");
    }
  }
}
