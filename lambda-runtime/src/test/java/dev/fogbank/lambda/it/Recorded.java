package dev.fogbank.lambda.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The events {@link Handlers#RECORDER} wrote for one event source. */
final class Recorded {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Recorded() {}

  static Path file(String sourceArn) {
    return Path.of(System.getProperty("java.io.tmpdir"), "fogbank-events", sourceArn.replaceAll("[^A-Za-z0-9]", "_") + ".jsonl");
  }

  /** Every event received from the source, in order. */
  static List<JsonNode> events(String sourceArn) {
    Path file = file(sourceArn);
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      // A line the handler is still writing has no newline yet: read only whole lines.
      String text = Files.readString(file);
      text = text.substring(0, text.lastIndexOf('\n') + 1);
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Every record of every event, in order. */
  static List<JsonNode> records(String sourceArn) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : events(sourceArn)) {
      e.path("Records").forEach(out::add);
    }
    return out;
  }
}
