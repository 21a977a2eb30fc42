package dev.fogbank.app;

import dev.fogbank.core.Emulator;
import dev.fogbank.core.EmulatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;

/**
 * {@code fogbank train}: a short, typical run — start every service, answer a few requests over
 * HTTP, stop — for the JDK to record its ahead-of-time cache from ({@code
 * -XX:AOTCacheOutput}). {@code ./fogbank} runs it once per build of the jar.
 */
@Command(name = "train", hidden = true, description = "Exercise start-up and a few requests, then exit.")
final class TrainCommand implements Runnable {

  private static final String[][] JSON_CALLS = {
    {"AmazonSQS.CreateQueue", "{\"QueueName\":\"train\"}"},
    {"AmazonSQS.ListQueues", "{}"},
    {"AmazonSQS.GetQueueUrl", "{\"QueueName\":\"train\"}"},
    {"AmazonSQS.SendMessage", "{\"QueueUrl\":\"/000000000000/train\",\"MessageBody\":\"hello\"}"},
    {"AmazonSQS.ReceiveMessage", "{\"QueueUrl\":\"/000000000000/train\",\"MaxNumberOfMessages\":10}"},
    {"DynamoDB_20120810.ListTables", "{}"},
  };

  @Override
  public void run() {
    EmulatorConfig config = EmulatorConfig.defaults().withHost("127.0.0.1").withPort(0);
    try (Emulator emulator = Emulator.start(config)) {
      int port = emulator.port();
      for (String[] call : JSON_CALLS) {
        post(port, "/", "application/x-amz-json-1.0", call[0], call[1]);
      }
      post(port, "/", "application/x-www-form-urlencoded", null, "Action=ListQueues&Version=2012-11-05");
      post(port, "/", "application/x-www-form-urlencoded", null, "Action=ListTopics&Version=2010-03-31");
      get(port, "/_fogbank/health");
    } catch (IOException e) {
      throw new IllegalStateException("training run failed: " + e.getMessage(), e);
    }
  }

  private static void post(int port, String path, String type, String target, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: " + type + "\r\n"
            + (target == null ? "" : "X-Amz-Target: " + target + "\r\n")
            + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
    exchange(port, head, bytes);
  }

  private static void get(int port, String path) throws IOException {
    exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n", new byte[0]);
  }

  private static void exchange(int port, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      in.readAllBytes();
    }
  }
}
