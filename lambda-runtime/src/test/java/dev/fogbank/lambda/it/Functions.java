package dev.fogbank.lambda.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/** Creating functions the way a deployment tool does: create, then wait until Active. */
final class Functions {

  static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

  private Functions() {}

  static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static CreateFunctionResponse create(
      LambdaClient lambda, String name, Runtime runtime, String handler, SdkBytes zip, Consumer<CreateFunctionRequest.Builder> more) {
    CreateFunctionRequest.Builder b =
        CreateFunctionRequest.builder()
            .functionName(name)
            .runtime(runtime)
            .handler(handler)
            .role(ROLE)
            .code(c -> c.zipFile(zip));
    more.accept(b);
    CreateFunctionResponse created = lambda.createFunction(b.build());
    waitActive(lambda, name);
    return created;
  }

  static void waitActive(LambdaClient lambda, String name) {
    try (LambdaWaiter waiter =
        LambdaWaiter.builder()
            .client(lambda)
            .overrideConfiguration(o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(20))))
            .build()) {
      waiter.waitUntilFunctionActiveV2(r -> r.functionName(name)).matched().response().orElseThrow();
    }
  }

  static void waitUpdated(LambdaClient lambda, String name) {
    try (LambdaWaiter waiter =
        LambdaWaiter.builder()
            .client(lambda)
            .overrideConfiguration(o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(20))))
            .build()) {
      waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(name)).matched().response().orElseThrow();
    }
  }

  static String text(InvokeResponse r) {
    return r.payload().asUtf8String();
  }

  static String log(InvokeResponse r) {
    return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
  }
}
