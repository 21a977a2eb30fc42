package dev.fogbank.apigatewayv2.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/** Python functions for API Gateway's integrations, created as a deployment tool does. */
final class Functions {

  private Functions() {}

  /** Creates {@code app.handler} from the source; returns the function's ARN. */
  static String python(LambdaClient lambda, String source) {
    String name = "fn-" + UUID.randomUUID().toString().substring(0, 8);
    String arn =
        lambda
            .createFunction(
                r ->
                    r.functionName(name)
                        .runtime(Runtime.PYTHON3_11)
                        .handler("app.handler")
                        .role("arn:aws:iam::000000000000:role/lambda-role")
                        .timeout(30)
                        .code(c -> c.zipFile(zip("app.py", source))))
            .functionArn();
    try (LambdaWaiter waiter =
        LambdaWaiter.builder()
            .client(lambda)
            .overrideConfiguration(o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(20))))
            .build()) {
      waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
    }
    return arn;
  }

  static SdkBytes zip(String name, String content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return SdkBytes.fromByteArray(bytes.toByteArray());
  }
}
