package dev.fogbank.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fogbank.core.protocol.AwsRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.junit.jupiter.api.Test;

class SigV4Test {

  private static AwsRequest request(String uri, String authorization) {
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    if (authorization != null) {
      headers.add("Authorization", authorization);
    }
    return new AwsRequest("GET", uri, headers, new byte[0]);
  }

  @Test
  void authorizationHeaderCredentialScope() {
    SigV4 sig =
        SigV4.of(
            request(
                "/",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240501/eu-west-1/lambda/aws4_request, "
                    + "SignedHeaders=host;x-amz-date, Signature=abc"));
    assertEquals(new SigV4("AKIDEXAMPLE", "eu-west-1", "lambda"), sig);
  }

  @Test
  void presignedUrlCredential() {
    SigV4 sig =
        SigV4.of(
            request("/bucket/key?X-Amz-Credential=123456789012%2F20240501%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Signature=x", null));
    assertEquals(new SigV4("123456789012", "us-west-2", "s3"), sig);
  }

  @Test
  void signatureVersion2CarriesOnlyTheKey() {
    assertEquals(new SigV4("AKID", null, null), SigV4.of(request("/", "AWS AKID:c2lnbmF0dXJl")));
    assertEquals(new SigV4("AKID2", null, null), SigV4.of(request("/?AWSAccessKeyId=AKID2&Signature=s", null)));
  }

  @Test
  void credentialScopeThatEndsEarlyLeavesTheMissingPartsNull() {
    assertEquals(new SigV4("AKID", "eu-west-1", null), SigV4.parse("AKID/20240501/eu-west-1"));
    assertEquals(new SigV4("AKID", "eu-west-1", null), SigV4.parse("AKID/20240501/eu-west-1/"));
    assertEquals(new SigV4("AKID", null, null), SigV4.parse("AKID/20240501"));
    assertEquals(new SigV4("AKID", "", "s3"), SigV4.parse("AKID/20240501//s3/aws4_request"));
    assertEquals(new SigV4(null, null, null), SigV4.parse(""));
    assertEquals(new SigV4(null, "us-east-1", "sqs"), SigV4.parse("/20240501/us-east-1/sqs/aws4_request"));
  }

  @Test
  void unsignedRequest() {
    assertEquals(SigV4.NONE, SigV4.of(request("/", null)));
  }
}
