package dev.fogbank.lambda.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.lambda.function.FunctionVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a function's output to CloudWatch Logs as Lambda does when its execution role allows it:
 * log group {@code /aws/lambda/<function name>}, created when missing, one log stream per
 * execution environment, one event per line (the function's own lines and Lambda's START, END and
 * REPORT lines). Calls go through the in-process client, only while the {@code logs} service
 * runs; a failure is logged and never reaches the invocation.
 */
public final class FunctionLogs {

  private static final Logger log = LoggerFactory.getLogger(FunctionLogs.class);

  /** PutLogEvents takes at most 10,000 events and 1,048,576 bytes, 26 bytes counted per event. */
  static final int MAX_BATCH_EVENTS = 10_000;

  static final int MAX_BATCH_BYTES = 1_048_576;

  /** The largest event CloudWatch Logs accepts: 256 KB including the 26-byte overhead. */
  static final int MAX_EVENT_BYTES = 262_144 - 26;

  private final InProcessClient client;
  private final Set<String> created = ConcurrentHashMap.newKeySet();

  public FunctionLogs(InProcessClient client) {
    this.client = client;
  }

  /**
   * The log group Lambda writes a function's output to: {@code LoggingConfig.LogGroup} when set,
   * else {@code /aws/lambda/<function name>}.
   */
  public static String groupName(FunctionVersion version) {
    String custom = version.configuration().path("LoggingConfig").path("LogGroup").asText("");
    return custom.isEmpty() ? "/aws/lambda/" + version.functionName() : custom;
  }

  /**
   * Writes one invocation's log to {@code group}: its first line ({@code START}) at {@code
   * startMillis}, the rest at {@code endMillis}.
   */
  public void write(
      String account, String region, String functionName, String group, String stream, long startMillis, long endMillis, String text) {
    if (client == null || stream == null || !client.has("logs")) {
      return;
    }
    List<ObjectNode> events = events(text, startMillis, endMillis);
    if (events.isEmpty()) {
      return;
    }
    try {
      try {
        ensure(account, region, group, stream);
        put(account, region, group, stream, events);
      } catch (AwsException e) {
        if (!"ResourceNotFoundException".equals(e.code())) {
          throw e;
        }
        // The group or stream was deleted since Fogbank made it: make it again, as Lambda does.
        created.remove(key(account, region, group, stream));
        ensure(account, region, group, stream);
        put(account, region, group, stream, events);
      }
    } catch (RuntimeException e) {
      log.debug("CloudWatch Logs refused the log of {}: {}", functionName, e.toString());
    }
  }

  /** Forgets which groups and streams exist (the emulator was reset). */
  public void reset() {
    created.clear();
  }

  static List<ObjectNode> events(String text, long startMillis, long endMillis) {
    List<ObjectNode> events = new ArrayList<>();
    boolean first = true;
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String message = line + "\n";
      byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > MAX_EVENT_BYTES) {
        int cut = MAX_EVENT_BYTES;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
          cut--; // not inside a character
        }
        message = new String(bytes, 0, cut, StandardCharsets.UTF_8);
      }
      ObjectNode event = Json.object();
      event.put("timestamp", first ? startMillis : endMillis);
      event.put("message", message);
      events.add(event);
      first = false;
    }
    return events;
  }

  private void ensure(String account, String region, String group, String stream) {
    String key = key(account, region, group, stream);
    if (created.contains(key)) {
      return;
    }
    ObjectNode g = Json.object();
    g.put("logGroupName", group);
    ignoreExisting(() -> client.call("logs", "CreateLogGroup", account, region, g));
    ObjectNode s = Json.object();
    s.put("logGroupName", group);
    s.put("logStreamName", stream);
    ignoreExisting(() -> client.call("logs", "CreateLogStream", account, region, s));
    created.add(key);
  }

  private static void ignoreExisting(Runnable call) {
    try {
      call.run();
    } catch (AwsException e) {
      if (!"ResourceAlreadyExistsException".equals(e.code())) {
        throw e;
      }
    }
  }

  private void put(String account, String region, String group, String stream, List<ObjectNode> events) {
    int i = 0;
    while (i < events.size()) {
      ObjectNode input = Json.object();
      input.put("logGroupName", group);
      input.put("logStreamName", stream);
      ArrayNode batch = input.putArray("logEvents");
      int bytes = 0;
      while (i < events.size() && batch.size() < MAX_BATCH_EVENTS) {
        int size = events.get(i).path("message").asText().getBytes(StandardCharsets.UTF_8).length + 26;
        if (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
          break;
        }
        batch.add(events.get(i));
        bytes += size;
        i++;
      }
      client.call("logs", "PutLogEvents", account, region, input);
    }
  }

  private static String key(String account, String region, String group, String stream) {
    return account + "/" + region + "/" + group + "/" + stream;
  }
}
