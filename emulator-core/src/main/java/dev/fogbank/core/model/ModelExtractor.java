package dev.fogbank.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * Build-time tool: copies official service models out of {@code
 * com.amazonaws:aws-java-sdk-models} into a module's classes, without documentation and
 * examples (most of their bytes).
 *
 * <p>Usage: {@code ModelExtractor <outputDir> <model>...}, a model named as in the jar without its
 * suffix, e.g. {@code sqs-2012-11-05}. Written as {@code <outputDir>/<model>.json}.
 */
public final class ModelExtractor {

  private static final Set<String> DROPPED =
      Set.of("documentation", "documentationUrl", "examples", "deprecatedMessage");

  private ModelExtractor() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: ModelExtractor <outputDir> <model>...");
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    ObjectMapper mapper = new ObjectMapper();
    for (int i = 1; i < args.length; i++) {
      for (String name : args[i].split("[,\\s]+")) {
        if (name.isBlank()) {
          continue;
        }
        String resource = "models/" + name + "-model.json";
        try (InputStream in = ModelExtractor.class.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalArgumentException("no model " + resource + " on the classpath");
          }
          JsonNode model = mapper.readTree(in);
          strip(model);
          Path target = out.resolve(name + ".json");
          mapper.writeValue(target.toFile(), model);
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
    }
  }

  static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<String> names = object.fieldNames();
      while (names.hasNext()) {
        if (DROPPED.contains(names.next())) {
          names.remove();
        }
      }
      object.forEach(ModelExtractor::strip);
    } else if (node.isArray()) {
      node.forEach(ModelExtractor::strip);
    }
  }
}
