package dev.fogbank.apigw.it;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Java functions compiled by the test and deployed to Fogbank's Lambda, for API integrations. */
public final class Lambdas {

  static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

  /**
   * Answers a proxy request with the event it received as the body; the query parameter {@code
   * mode} makes it answer otherwise: {@code malformed} (not the proxy contract), {@code fail} (a
   * function error), {@code status} (201 and a custom header), {@code binary} (base64 body).
   */
  static final String PROXY_ECHO =
      """
      package example;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
      import java.io.*;
      import java.nio.charset.StandardCharsets;

      public class ProxyEcho implements RequestStreamHandler {
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
          String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          String tag = context.getFunctionName();
          String body;
          if (event.contains("\\"mode\\":\\"malformed\\"")) {
            body = "{\\"hello\\":\\"world\\"}";
          } else if (event.contains("\\"mode\\":\\"fail\\"")) {
            throw new IllegalStateException("boom");
          } else if (event.contains("\\"mode\\":\\"status\\"")) {
            body = "{\\"statusCode\\":201,\\"headers\\":{\\"X-Custom\\":\\"yes\\",\\"Content-Type\\":\\"text/plain\\"},"
                + "\\"multiValueHeaders\\":{\\"X-Multi\\":[\\"a\\",\\"b\\"]},\\"body\\":\\"created\\"}";
          } else if (event.contains("\\"mode\\":\\"binary\\"")) {
            body = "{\\"statusCode\\":200,\\"headers\\":{\\"Content-Type\\":\\"image/png\\"},\\"isBase64Encoded\\":true,"
                + "\\"body\\":\\"AAECAw==\\"}";
          } else {
            body = "{\\"statusCode\\":200,\\"headers\\":{\\"Content-Type\\":\\"application/json\\",\\"X-Tag\\":\\"" + tag + "\\"},"
                + "\\"body\\":" + quote(event) + "}";
          }
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }

        static String quote(String s) {
          StringBuilder b = new StringBuilder("\\"");
          for (char c : s.toCharArray()) {
            switch (c) {
              case '"' -> b.append("\\\\\\"");
              case '\\\\' -> b.append("\\\\\\\\");
              case '\\n' -> b.append("\\\\n");
              default -> b.append(c);
            }
          }
          return b.append('"').toString();
        }
      }
      """;

  private Lambdas() {}

  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates a java21 function from one class and returns its ARN. */
  public static String create(LambdaClient lambda, String name, String className, String source, Map<String, String> env) {
    SdkBytes zip = java(Map.of(className, source));
    String arn =
        lambda
            .createFunction(
                b ->
                    b.functionName(name)
                        .runtime(Runtime.JAVA21)
                        .handler(className + "::handleRequest")
                        .role(ROLE)
                        .timeout(15)
                        .memorySize(512)
                        .environment(e -> e.variables(env))
                        .code(c -> c.zipFile(zip)))
            .functionArn();
    lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    return arn;
  }

  static SdkBytes java(Map<String, String> sources) {
    try {
      Path dir = Files.createTempDirectory("fogbank-apigw-fn");
      Path src = dir.resolve("src");
      Path classes = Files.createDirectories(dir.resolve("classes"));
      List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", coreJar(), "--release", "21", "-nowarn"));
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue());
        args.add(file.toString());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      if (javac.run(null, null, err, args.toArray(String[]::new)) != 0) {
        throw new IllegalStateException("javac failed: " + err);
      }
      Map<String, byte[]> files = new LinkedHashMap<>();
      try (Stream<Path> walk = Files.walk(classes)) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          files.put(classes.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
          zip.putNextEntry(new ZipEntry(e.getKey()));
          zip.write(e.getValue());
          zip.closeEntry();
        }
      }
      return SdkBytes.fromByteArray(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String coreJar() {
    try {
      return Path.of(RequestHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The integration URI API Gateway uses for a Lambda function ARN (or a stage-variable form). */
  public static String integrationUri(String functionArn) {
    return "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + functionArn + "/invocations";
  }
}
