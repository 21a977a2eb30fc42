package dev.fogbank.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SQS client every workload uses: as an application would build it, pointed at one endpoint. */
final class SqsClients {

  private SqsClients() {}

  /**
   * One pooled connection per worker; no SDK retries, so that one op is exactly one HTTP
   * exchange; no {@code Expect: 100-continue}, so that a small POST is one round trip.
   */
  static SqsClient create(URI endpoint, int concurrency) {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(
            ApacheHttpClient.builder()
                .maxConnections(concurrency)
                .expectContinueEnabled(false)
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
