package dev.fogbank.bench;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * A function whose handler answers its event unchanged, in one of the runtimes the Lambda
 * workloads compare: {@code python3.12} ({@code return event}), {@code nodejs20.x} ({@code async
 * (event) => event}) and {@code java21} (a stream handler copying its input to its output,
 * compiled by the driver).
 */
enum EchoFunction {
  PYTHON(Runtime.PYTHON3_12, "index.handler"),
  NODE(Runtime.NODEJS20_X, "index.handler"),
  JAVA(Runtime.JAVA21, "bench.Echo::handleRequest");

  static final String PYTHON_SOURCE = "def handler(event, context):\n    return event\n";
  static final String NODE_SOURCE = "export const handler = async (event) => event;\n";
  static final String JAVA_SOURCE =
      """
      package bench;

      import java.io.*;

      public class Echo {
        public void handleRequest(InputStream in, OutputStream out) throws IOException {
          in.transferTo(out);
        }
      }
      """;

  final Runtime runtime;
  final String handler;
  private byte[] zip;

  EchoFunction(Runtime runtime, String handler) {
    this.runtime = runtime;
    this.handler = handler;
  }

  /** The deployment package, built once. */
  synchronized SdkBytes zip() {
    if (zip == null) {
      zip =
          switch (this) {
            case PYTHON -> BenchFunctions.pythonZip(PYTHON_SOURCE);
            case NODE -> BenchFunctions.zipOf("index.mjs", NODE_SOURCE.getBytes(StandardCharsets.UTF_8));
            case JAVA -> BenchFunctions.javaZip("bench.Echo", JAVA_SOURCE);
          };
    }
    return SdkBytes.fromByteArray(zip);
  }

  /** Creates the function with this package (see {@link BenchFunctions#create}). */
  void create(LambdaClient lambda, String name, int memoryMb) {
    BenchFunctions.create(lambda, name, runtime, handler, memoryMb, zip());
  }

  /**
   * Whether an Invoke of an echo function answered {@code event} itself: no FunctionError, and
   * the same JSON (Python's {@code json.dumps} puts a space after each separator).
   */
  static boolean echoes(String event, InvokeResponse answer) {
    return answer.functionError() == null && event.equals(answer.payload().asUtf8String().replace(" ", ""));
  }
}
