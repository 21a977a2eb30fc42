package dev.fogbank.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Event handlers in several environments of one JVM: each environment's events and joda-time
 * classes are its own, and the runtime's event serialization must use them, not the first
 * environment's.
 */
class JavaHandlerEventsTest {

  private static final String HANDLER =
      """
      package example;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.events.*;

      public class Events {
        public String s3(S3Event event, Context context) {
          return event.getRecords().get(0).getEventName() + " " + event.getRecords().get(0).getEventTime();
        }

        public String sns(SNSEvent event, Context context) {
          return event.getRecords().get(0).getSNS().getMessage() + " " + event.getRecords().get(0).getSNS().getTimestamp();
        }
      }
      """;

  // Shapes from the Lambda developer guide's sample events.
  private static final String S3 =
      """
      {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
      "eventTime":"2019-01-02T12:45:07.000Z","eventName":"ObjectCreated:Put",
      "s3":{"bucket":{"name":"b","arn":"arn:aws:s3:::b"},"object":{"key":"k","size":3}}}]}
      """;
  private static final String SNS =
      """
      {"Records":[{"EventVersion":"1.0","EventSource":"aws:sns","EventSubscriptionArn":"arn:aws:sns:us-east-1:000000000000:t:1",
      "Sns":{"Type":"Notification","MessageId":"95df01b4","TopicArn":"arn:aws:sns:us-east-1:000000000000:t",
      "Subject":"s","Message":"Hello","Timestamp":"2019-01-02T12:45:07.000Z","SignatureVersion":"1",
      "Signature":"x","SigningCertUrl":"https://x","UnsubscribeUrl":"https://x","MessageAttributes":{}}}]}
      """;

  private final List<FunctionClassLoader> loaders = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (FunctionClassLoader l : loaders) {
      l.close();
    }
  }

  private static Path jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** The handler compiled, with aws-lambda-java-events and joda-time in lib/, as mvn package lays it out. */
  private static Path code() throws Exception {
    Path dir = Files.createTempDirectory("fogbank-events");
    Path src = dir.resolve("src/example/Events.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, HANDLER);
    Path code = Files.createDirectories(dir.resolve("code"));
    Path lib = Files.createDirectories(code.resolve("lib"));
    Path events = jarOf(SNSEvent.class);
    Path joda = jarOf(org.joda.time.DateTime.class);
    Files.copy(events, lib.resolve("events.jar"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(joda, lib.resolve("joda-time.jar"), StandardCopyOption.REPLACE_EXISTING);
    String cp = String.join(java.io.File.pathSeparator, jarOf(Context.class).toString(), events.toString(), joda.toString());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, "-d", code.toString(), "-cp", cp, "--release", "21", "-nowarn", src.toString());
    if (rc != 0) {
      throw new IllegalStateException("javac failed: " + err);
    }
    return code;
  }

  private String invoke(Path code, String handler, String event) throws Throwable {
    FunctionClassLoader loader = new FunctionClassLoader("lambda:events", code, null, getClass().getClassLoader());
    loaders.add(loader);
    JavaHandler h = JavaHandler.resolve(handler, loader);
    return new String(h.invoke(event.getBytes(StandardCharsets.UTF_8), null), StandardCharsets.UTF_8);
  }

  @Test
  void eachEnvironmentDeserializesWithItsOwnJodaTime() throws Throwable {
    Path code = code();
    assertEquals("\"ObjectCreated:Put 2019-01-02T12:45:07.000Z\"", invoke(code, "example.Events::s3", S3));
    assertEquals("\"Hello 2019-01-02T12:45:07.000Z\"", invoke(code, "example.Events::sns", SNS));
    assertEquals("\"Hello 2019-01-02T12:45:07.000Z\"", invoke(code, "example.Events::sns", SNS));
  }
}
