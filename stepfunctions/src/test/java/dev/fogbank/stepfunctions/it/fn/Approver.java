package dev.fogbank.stepfunctions.it.fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The worker of a {@code .waitForTaskToken} task: a function that reports the task's result
 * itself with SendTaskSuccess, to the endpoint and region its event names.
 */
public class Approver implements RequestHandler<Map<String, Object>, String> {

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    try (SfnClient sfn = SfnClient.builder()
        .endpointOverride(URI.create((String) event.get("endpoint")))
        .region(Region.of((String) event.get("region")))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build()) {
      sfn.sendTaskSuccess(b -> b.taskToken((String) event.get("token"))
          .output("{\"approved\":\"" + event.get("order") + "\"}"));
    }
    return "reported";
  }
}
