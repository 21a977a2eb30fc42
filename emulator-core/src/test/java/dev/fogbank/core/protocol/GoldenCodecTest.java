package dev.fogbank.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.FixtureModule;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.protocol.json.AwsJsonCodec;
import dev.fogbank.core.protocol.query.QueryCodec;
import dev.fogbank.core.protocol.restjson.RestJsonCodec;
import dev.fogbank.core.protocol.restxml.RestXmlCodec;
import dev.fogbank.core.time.VirtualClock;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Byte-level codec tests from {@code src/test/resources/golden/<protocol>/<case>/}:
 *
 * <ul>
 *   <li>{@code case.json}: {@code {"model", "operation"}} (and {@code "errorTypePrefix"} for JSON
 *       services that qualify their error types);
 *   <li>{@code request.http} + {@code input.json}: the request as an AWS SDK sends it, and the
 *       tree the engine must see (also: the operation it must name);
 *   <li>{@code output.json} + {@code response.http}: an engine's output, and the exact response;
 *   <li>{@code error.json} ({@code code, queryCode, message, status, senderFault, details}) + {@code
 *       response.http}: an engine's error, and the exact response.
 * </ul>
 *
 * Expected values come from the AWS API references' examples and the service models; each case's
 * {@code case.json} names its source in {@code "source"}.
 */
class GoldenCodecTest {

  static final String REQUEST_ID = "8c9b6a44-5d2e-4f0b-9a51-1d2c3e4f5a6b";

  @TestFactory
  Stream<DynamicTest> goldenCases() throws IOException, URISyntaxException {
    Path root = Path.of(GoldenCodecTest.class.getResource("/golden").toURI());
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> protocols = Files.list(root)) {
      for (Path protocolDir : protocols.sorted().toList()) {
        try (Stream<Path> cases = Files.list(protocolDir)) {
          for (Path dir : cases.sorted().toList()) {
            tests.addAll(cases(protocolDir.getFileName().toString(), dir));
          }
        }
      }
    }
    assertTrue(tests.size() > 10, "golden cases found: " + tests.size());
    return tests.stream();
  }

  private static List<DynamicTest> cases(String protocol, Path dir) throws IOException {
    JsonNode meta = Json.parse(Files.readString(dir.resolve("case.json")));
    FixtureModule module = new FixtureModule(meta.path("model").asText(), meta.path("model").asText());
    module.errorTypePrefix(meta.path("errorTypePrefix").asText(""));
    ProtocolCodec codec = codec(protocol, module);
    Operation operation = module.model().operation(meta.path("operation").asText());
    String name = protocol + "/" + dir.getFileName();
    List<DynamicTest> tests = new ArrayList<>();
    if (Files.exists(dir.resolve("request.http"))) {
      tests.add(
          DynamicTest.dynamicTest(
              name + " decode",
              () -> {
                AwsRequest request = HttpMessages.parseRequest(Files.readAllBytes(dir.resolve("request.http")));
                assertEquals(operation.name(), codec.operationName(request), "operation");
                ObjectNode input = codec.decode(request, operation);
                JsonNode expected = Json.parse(Files.readString(dir.resolve("input.json")));
                assertTrue(
                    expected.equals(NUMERIC, input),
                    () -> "decoded tree\nexpected: " + expected + "\nactual:   " + input);
              }));
    }
    if (Files.exists(dir.resolve("output.json"))) {
      tests.add(
          DynamicTest.dynamicTest(
              name + " encode",
              () -> {
                JsonNode output = Json.parse(Files.readString(dir.resolve("output.json")));
                AwsResponse response = codec.encode(context(codec), operation, output);
                assertEquals(expected(dir), HttpMessages.render(response));
              }));
    }
    if (Files.exists(dir.resolve("error.json"))) {
      tests.add(
          DynamicTest.dynamicTest(
              name + " error",
              () -> {
                JsonNode e = Json.parse(Files.readString(dir.resolve("error.json")));
                int status = e.path("status").asInt();
                JsonNode details = e.get("details");
                AwsException error =
                    new AwsException(
                        e.path("code").asText(),
                        e.path("queryCode").asText(null),
                        e.path("message").asText(null),
                        status,
                        e.path("senderFault").asBoolean(status < 500)) {
                      @Override
                      public ObjectNode details() {
                        return details == null ? null : (ObjectNode) details;
                      }
                    };
                AwsResponse response = codec.encodeError(context(codec), error);
                assertEquals(expected(dir), HttpMessages.render(response));
              }));
    }
    return tests;
  }

  static ProtocolCodec codec(String protocol, FixtureModule module) {
    return switch (protocol) {
      case "awsJson1_0", "awsJson1_1" -> new AwsJsonCodec(module);
      case "awsQuery" -> new QueryCodec(module.model());
      case "restJson1" -> new RestJsonCodec(module.model());
      case "restXml" -> new RestXmlCodec(module.model());
      default -> throw new IllegalArgumentException("no codec for " + protocol);
    };
  }

  private static RequestContext context(ProtocolCodec codec) {
    return new RequestContext(
        REQUEST_ID,
        "123456789012",
        "us-east-1",
        "localhost:4566",
        codec.protocol(),
        null,
        VirtualClock.frozenAt(Instant.parse("2024-05-01T12:00:00Z")));
  }

  private static String expected(Path dir) throws IOException {
    return new String(Files.readAllBytes(dir.resolve("response.http")), StandardCharsets.UTF_8);
  }

  /** Numbers equal by value: the tree may hold 10 as an int or a long. */
  private static final Comparator<JsonNode> NUMERIC =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };
}
