package dev.fogbank.lambda.it;

import java.util.Map;

/** Java handlers the event tests deploy, compiled by the test. */
final class Handlers {

  private Handlers() {}

  /**
   * Fails the first n deliveries of each distinct event that holds {@code fail<n>times} anywhere
   * (an S3 key, a message body), and every delivery of any other event; answers {@code
   * {"attempt":k}} once it succeeds. The count lives in the environment, which Lambda reuses while
   * it is warm.
   */
  static final String FLAKY =
      """
      package example;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
      import java.io.*;
      import java.nio.charset.StandardCharsets;
      import java.util.Map;
      import java.util.concurrent.ConcurrentHashMap;
      import java.util.regex.Matcher;
      import java.util.regex.Pattern;

      public class Flaky implements RequestStreamHandler {
        static final Map<String, Integer> seen = new ConcurrentHashMap<>();
        static final Pattern FAILURES = Pattern.compile("fail(\\\\d+)times");

        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
          String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          Matcher m = FAILURES.matcher(event);
          int failures = m.find() ? Integer.parseInt(m.group(1)) : -1;
          int n = seen.merge(event, 1, Integer::sum);
          if (failures < 0 || n <= failures) {
            throw new IllegalStateException("attempt " + n + " failed");
          }
          out.write(("{\\"attempt\\":" + n + "}").getBytes(StandardCharsets.UTF_8));
        }
      }
      """;

  /**
   * Records every event it receives as one line of {@code <tmpdir>/fogbank-events/<source>.jsonl}
   * (the source ARN with every character other than a letter or digit made {@code _}), then: any
   * event holding {@code crash} fails, one holding {@code slow} takes 20 ms longer; otherwise the
   * SQS records whose body holds {@code poison} are answered as {@code batchItemFailures}.
   */
  static final String RECORDER =
      """
      package example;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
      import java.io.*;
      import java.nio.charset.StandardCharsets;
      import java.nio.file.*;
      import java.util.*;
      import java.util.regex.Matcher;
      import java.util.regex.Pattern;

      public class Recorder implements RequestStreamHandler {
        static final Pattern SOURCE = Pattern.compile("\\"eventSourceARN\\":\\"([^\\"]+)\\"");
        static final Pattern SQS = Pattern.compile("\\"messageId\\":\\"([^\\"]+)\\",\\"receiptHandle\\":\\"[^\\"]+\\",\\"body\\":\\"([^\\"]*)\\"");

        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
          String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          Matcher source = SOURCE.matcher(event);
          String name = source.find() ? source.group(1).replaceAll("[^A-Za-z0-9]", "_") : "unknown";
          Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "fogbank-events"));
          synchronized (Recorder.class) {
            Files.writeString(dir.resolve(name + ".jsonl"), event.replace("\\n", " ") + "\\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          }
          if (event.contains("crash")) {
            throw new IllegalStateException("crashed");
          }
          if (event.contains("slow")) {
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          StringBuilder failures = new StringBuilder();
          Matcher m = SQS.matcher(event);
          while (m.find()) {
            if (m.group(2).contains("poison")) {
              failures.append(failures.length() == 0 ? "" : ",").append("{\\\"itemIdentifier\\\":\\\"").append(m.group(1)).append("\\\"}");
            }
          }
          out.write(("{\\\"batchItemFailures\\\":[" + failures + "]}").getBytes(StandardCharsets.UTF_8));
        }
      }
      """;

  static Map<String, String> recorder() {
    return Map.of("example.Recorder", RECORDER);
  }

  static Map<String, String> flaky() {
    return Map.of("example.Flaky", FLAKY);
  }
}
