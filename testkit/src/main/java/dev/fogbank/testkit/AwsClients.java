package dev.fogbank.testkit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/** SDK v2 client builders pointed at a Fogbank: endpoint, region and test credentials. */
public final class AwsClients {

  /** The access key tests sign with; not 12 digits, so it maps to the default account. */
  public static final String ACCESS_KEY = "test";

  private AwsClients() {}

  public static <B extends AwsClientBuilder<B, C>, C> B configure(B builder, Fogbank fogbank) {
    return builder
        .endpointOverride(fogbank.endpoint())
        .region(Region.of(fogbank.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "test")));
  }
}
