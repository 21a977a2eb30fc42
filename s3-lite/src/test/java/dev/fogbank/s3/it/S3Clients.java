package dev.fogbank.s3.it;

import dev.fogbank.testkit.FogbankExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Path-style S3 clients for the ITs (virtual hosts need DNS for *.localhost.localstack.cloud). */
final class S3Clients {

  private S3Clients() {}

  static S3Client pathStyle(FogbankExtension fogbank) {
    return fogbank.client(S3Client.builder().serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
  }

  static String bucketName(String prefix) {
    return prefix + "-" + Long.toHexString(System.nanoTime());
  }
}
