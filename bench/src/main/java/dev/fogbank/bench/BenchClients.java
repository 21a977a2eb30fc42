package dev.fogbank.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients workloads use, as an application would build them, all pointed at one endpoint
 * and created on first use (a run builds only the clients its workload calls).
 *
 * <p>Every client but {@link #lambdaAsync}: a pool of {@code connections} Apache connections. Every
 * client: no SDK retries, so that one
 * op is exactly one HTTP exchange; no {@code Expect: 100-continue}, so that a small POST is one
 * round trip; fixed credentials, region us-east-1; and host-prefix injection off, because
 * StartSyncExecution would otherwise go to {@code sync-<host>}, a name a local endpoint does not
 * have (the other operations these clients call carry no host prefix).
 */
final class BenchClients implements AutoCloseable {

  private final URI endpoint;
  private final int connections;
  private final List<AutoCloseable> built = new ArrayList<>();
  private SqsClient sqs;
  private DynamoDbClient dynamoDb;
  private SnsClient sns;
  private SfnClient sfn;
  private LambdaClient lambda;
  private S3Client s3;

  BenchClients(URI endpoint, int connections) {
    this.endpoint = endpoint;
    this.connections = connections;
  }

  synchronized SqsClient sqs() {
    if (sqs == null) {
      sqs = configure(SqsClient.builder());
    }
    return sqs;
  }

  synchronized DynamoDbClient dynamoDb() {
    if (dynamoDb == null) {
      dynamoDb = configure(DynamoDbClient.builder());
    }
    return dynamoDb;
  }

  synchronized SnsClient sns() {
    if (sns == null) {
      sns = configure(SnsClient.builder());
    }
    return sns;
  }

  /**
   * S3 path-style ({@code endpoint/bucket/key}), as local endpoints without wildcard DNS need;
   * checksums only where S3 requires them, so that both servers see the same plain PUTs.
   */
  synchronized S3Client s3() {
    if (s3 == null) {
      S3ClientBuilder builder =
          S3Client.builder()
              .forcePathStyle(true)
              .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
              .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
      s3 = configure(builder);
    }
    return s3;
  }

  synchronized SfnClient sfn() {
    if (sfn == null) {
      sfn = configure(SfnClient.builder());
    }
    return sfn;
  }

  synchronized LambdaClient lambda() {
    if (lambda == null) {
      lambda = configure(LambdaClient.builder());
    }
    return lambda;
  }

  /**
   * A Lambda client on the SDK's async Netty client with room for {@code concurrency} calls in
   * flight at once, for a workload that fires them together; otherwise configured as the others.
   */
  synchronized LambdaAsyncClient lambdaAsync(int concurrency) {
    LambdaAsyncClient client =
        common(LambdaAsyncClient.builder())
            .httpClientBuilder(
                NettyNioAsyncHttpClient.builder()
                    .maxConcurrency(concurrency)
                    .maxPendingConnectionAcquires(concurrency * 2)
                    .connectionAcquisitionTimeout(Duration.ofSeconds(60))
                    .readTimeout(Duration.ofSeconds(60)))
            .build();
    built.add(client);
    return client;
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends AutoCloseable> C configure(
      B builder) {
    C client =
        common(builder)
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .maxConnections(connections)
                    .expectContinueEnabled(false)
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(60)))
            .build();
    built.add(client);
    return client;
  }

  /** Endpoint, region, credentials, no retries, no host prefix: what every client shares. */
  private <B extends AwsClientBuilder<B, C>, C> B common(B builder) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(
            o ->
                o.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true));
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable client : built) {
      try {
        client.close();
      } catch (Exception e) {
        System.err.println("could not close a client: " + e.getMessage());
      }
    }
  }
}
