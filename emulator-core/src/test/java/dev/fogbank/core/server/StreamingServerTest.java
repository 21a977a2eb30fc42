package dev.fogbank.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.fogbank.core.Emulator;
import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import dev.fogbank.core.protocol.StreamedBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streamed request and response bodies on a real port: a 200 MB body goes up and comes back
 * through bounded buffers (the test's own heap never holds it either), and requests of services
 * that do not stream are still aggregated.
 */
class StreamingServerTest {

  private static final long LARGE = 200L * 1024 * 1024;
  private static Emulator emulator;
  private static HttpClient http;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    emulator =
        Emulator.start(
            EmulatorConfig.defaults().withHost("127.0.0.1").withPort(0), List.of(new BlobModule()));
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + emulator.port() + path);
  }

  @Test
  void largeUploadWithContentLengthIsReadAsAStream() throws Exception {
    HttpRequest put =
        HttpRequest.newBuilder(uri("/blob"))
            .PUT(HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedStream(LARGE)), LARGE))
            .build();
    HttpResponse<String> response = http.send(put, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    JsonNode out = Json.MAPPER.readTree(response.body());
    assertEquals(LARGE, out.path("Size").asLong());
    assertEquals(GeneratedStream.crc32(LARGE), out.path("Crc").asLong());
    assertTrue(out.path("Streamed").asBoolean());
  }

  @Test
  void chunkedUploadIsReadAsAStream() throws Exception {
    long size = 3 * 1024 * 1024 + 17;
    HttpRequest put =
        HttpRequest.newBuilder(uri("/blob"))
            .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedStream(size)))
            .build();
    HttpResponse<String> response = http.send(put, HttpResponse.BodyHandlers.ofString());
    JsonNode out = Json.MAPPER.readTree(response.body());
    assertEquals(size, out.path("Size").asLong());
    assertEquals(GeneratedStream.crc32(size), out.path("Crc").asLong());
  }

  @Test
  void expectContinueUploadIsStreamed() throws Exception {
    long size = 1024 * 1024;
    HttpRequest put =
        HttpRequest.newBuilder(uri("/blob"))
            .expectContinue(true)
            .PUT(HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedStream(size)), size))
            .build();
    JsonNode out = Json.MAPPER.readTree(http.send(put, HttpResponse.BodyHandlers.ofString()).body());
    assertEquals(size, out.path("Size").asLong());
    assertEquals(GeneratedStream.crc32(size), out.path("Crc").asLong());
  }

  @Test
  void aRequestAnsweredWithoutReadingItsBodyLeavesTheConnectionUsable() throws Exception {
    long size = 4 * 1024 * 1024;
    for (int i = 0; i < 3; i++) {
      HttpRequest put =
          HttpRequest.newBuilder(uri("/blob?reject=true"))
              .PUT(HttpRequest.BodyPublishers.fromPublisher(
                  HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedStream(size)), size))
              .build();
      assertEquals(400, http.send(put, HttpResponse.BodyHandlers.ofString()).statusCode());
    }
    HttpRequest small = HttpRequest.newBuilder(uri("/blob")).PUT(HttpRequest.BodyPublishers.ofString("abc")).build();
    assertEquals(3, Json.MAPPER.readTree(http.send(small, HttpResponse.BodyHandlers.ofString()).body()).path("Size").asLong());
  }

  @Test
  void requestsOfOperationsThatDoNotStreamAreAggregated() throws Exception {
    HttpRequest post = HttpRequest.newBuilder(uri("/echo")).POST(HttpRequest.BodyPublishers.ofString("hello")).build();
    JsonNode out = Json.MAPPER.readTree(http.send(post, HttpResponse.BodyHandlers.ofString()).body());
    assertEquals(5, out.path("Size").asLong());
    assertFalse(out.path("Streamed").asBoolean());
  }

  @Test
  void largeStreamResponseArrivesWhole() throws Exception {
    HttpRequest get = HttpRequest.newBuilder(uri("/blob?size=" + LARGE)).GET().build();
    HttpResponse<InputStream> response = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    assertEquals(String.valueOf(LARGE), response.headers().firstValue("Content-Length").orElseThrow());
    long[] sizeAndCrc = drain(response.body());
    assertEquals(LARGE, sizeAndCrc[0]);
    assertEquals(GeneratedStream.crc32(LARGE), sizeAndCrc[1]);
  }

  @Test
  void fileRegionResponseSendsExactlyTheRegion() throws Exception {
    Path file = dir.resolve("region.bin");
    long size = 8L * 1024 * 1024;
    try (InputStream in = new GeneratedStream(size)) {
      Files.copy(in, file);
    }
    long offset = 1000;
    long length = 5L * 1024 * 1024 + 3;
    HttpRequest get =
        HttpRequest.newBuilder(uri("/file?path=" + file + "&offset=" + offset + "&length=" + length)).GET().build();
    HttpResponse<byte[]> response = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(length, response.body().length);
    for (int i = 0; i < length; i += 4099) {
      assertEquals((byte) GeneratedStream.byteAt(offset + i), response.body()[i]);
    }
    HttpRequest head =
        HttpRequest.newBuilder(uri("/file?path=" + file + "&offset=0&length=10"))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<byte[]> headResponse = http.send(head, HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("10", headResponse.headers().firstValue("Content-Length").orElseThrow());
    assertEquals(0, headResponse.body().length);
  }

  private static long[] drain(InputStream in) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    try (in) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        crc.update(buf, 0, n);
        total += n;
      }
    }
    return new long[] {total, crc.getValue()};
  }

  /** A service that streams PUT bodies and answers GETs with streamed bodies. */
  static final class BlobModule implements ServiceModule {

    private final ServiceModel model =
        ServiceModel.parse(
            Json.MAPPER.valueToTree(
                Map.of(
                    "metadata", Map.of("protocol", "rest-xml", "endpointPrefix", "blob", "serviceId", "Blob"),
                    "operations",
                        Map.of(
                            "Upload", Map.of("http", Map.of("method", "PUT", "requestUri", "/blob")),
                            "Echo", Map.of("http", Map.of("method", "POST", "requestUri", "/echo")),
                            "Download", Map.of("http", Map.of("method", "GET", "requestUri", "/blob")),
                            "ReadFile", Map.of("http", Map.of("method", "GET", "requestUri", "/file"))),
                    "shapes", Map.of())));

    @Override
    public String name() {
      return "blob";
    }

    @Override
    public ServiceModel model() {
      return model;
    }

    @Override
    public ProtocolCodec codec(Protocol protocol) {
      return new BlobCodec();
    }

    @Override
    public void start(ServiceContext context) {}

    @Override
    public boolean claims(AwsRequest request) {
      return true;
    }

    @Override
    public boolean streamsRequestBody(AwsRequest head) {
      return head.path().equals("/blob");
    }

    @Override
    public Map<String, OperationHandler> handlers() {
      return Map.of(
          "Upload", BlobModule::upload,
          "Echo", (ctx, in) -> Json.object().put("Size", ctx.request().body().length).put("Streamed", ctx.request().isStreamed()),
          "Download", (ctx, in) -> new POJONode(StreamedBody.ofStream(new GeneratedStream(Long.parseLong(ctx.request().queryParam("size"))), Long.parseLong(ctx.request().queryParam("size")))),
          "ReadFile", BlobModule::readFile);
    }

    private static JsonNode upload(RequestContext ctx, ObjectNode in) {
      if (ctx.request().queryParam("reject") != null) {
        throw new AwsException("Rejected", "not reading this body", 400);
      }
      CRC32 crc = new CRC32();
      byte[] buf = new byte[32 * 1024];
      long total = 0;
      try (InputStream body = ctx.request().bodyStream()) {
        for (int n; (n = body.read(buf)) >= 0; ) {
          crc.update(buf, 0, n);
          total += n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Json.object().put("Size", total).put("Crc", crc.getValue()).put("Streamed", ctx.request().isStreamed());
    }

    private static JsonNode readFile(RequestContext ctx, ObjectNode in) {
      try {
        FileChannel file = FileChannel.open(Path.of(ctx.request().queryParam("path")), StandardOpenOption.READ);
        return new POJONode(
            StreamedBody.ofFile(
                file, Long.parseLong(ctx.request().queryParam("offset")), Long.parseLong(ctx.request().queryParam("length"))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void reset() {}
  }

  /** Streamed bodies travel from the handler to the codec as a POJO node. */
  static final class BlobCodec implements ProtocolCodec {

    @Override
    public Protocol protocol() {
      return Protocol.REST_XML;
    }

    @Override
    public String operationName(AwsRequest request) {
      return switch (request.method() + " " + request.path()) {
        case "PUT /blob" -> "Upload";
        case "POST /echo" -> "Echo";
        case "GET /blob" -> "Download";
        case "GET /file", "HEAD /file" -> "ReadFile";
        default -> null;
      };
    }

    @Override
    public ObjectNode decode(AwsRequest request, Operation operation) {
      return Json.object();
    }

    @Override
    public AwsResponse encode(RequestContext ctx, Operation operation, JsonNode output) {
      if (output instanceof POJONode pojo && pojo.getPojo() instanceof StreamedBody body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        return AwsResponse.streamed(200, headers, body);
      }
      return AwsResponse.of(200, "application/json", Json.bytes(output));
    }

    @Override
    public AwsResponse encodeError(RequestContext ctx, AwsException error) {
      return AwsResponse.text(error.status(), "text/plain", error.code());
    }
  }
}
