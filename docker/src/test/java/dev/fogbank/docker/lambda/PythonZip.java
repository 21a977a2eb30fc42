package dev.fogbank.docker.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/** A one-file Python function, created and waited for as a deployment tool does. */
final class PythonZip {

  static final String HANDLER =
      """
      import os
      import urllib.request
      count = 0

      def handler(event, context):
          global count
          count += 1
          print("hello from the container")
          # Calling back: the function's SDK endpoint is Fogbank, reachable from the container.
          with urllib.request.urlopen(os.environ["AWS_ENDPOINT_URL"] + "/_fogbank/health") as r:
              callback = r.status
          return {
              "echo": event,
              "count": count,
              "taskRoot": os.environ.get("LAMBDA_TASK_ROOT"),
              "cwd": os.getcwd(),
              "inContainer": os.path.exists("/.dockerenv"),
              "functionName": context.function_name,
              "callback": callback,
          }
      """;

  private PythonZip() {}

  static void create(LambdaClient lambda, String name) {
    lambda.createFunction(
        b ->
            b.functionName(name)
                .runtime(Runtime.PYTHON3_12)
                .handler("app.handler")
                .role("arn:aws:iam::000000000000:role/lambda")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", HANDLER)))));
    try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
      waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
    }
  }

  static byte[] zip(String file, String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(file));
      zip.write(text.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
