package dev.fogbank.docker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitAllStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Fogbank in a container, for Testcontainers:
 *
 * <pre>{@code
 * @Container
 * static FogbankContainer fogbank = new FogbankContainer().withServices("sqs", "lambda");
 *
 * SqsClient sqs = SqsClient.builder()
 *     .endpointOverride(fogbank.getEndpoint())
 *     .region(Region.of(fogbank.getRegion()))
 *     .credentialsProvider(StaticCredentialsProvider.create(
 *         AwsBasicCredentials.create(fogbank.getAccessKey(), fogbank.getSecretKey())))
 *     .build();
 * }</pre>
 *
 * The container counts as started once {@code /_fogbank/health} answers and the ready init hooks
 * ({@link #withInitScript}) have run, so what they create exists before the first test call.
 * Containers on the same {@link org.testcontainers.containers.Network} (a function, a service
 * under test) reach it at {@link #getNetworkEndpoint()}.
 */
public class FogbankContainer extends GenericContainer<FogbankContainer> {

  public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("fogbank/fogbank").withTag("latest");
  public static final int PORT = 4566;
  /** The network alias other containers use unless {@link #withNetworkAliases} names another. */
  public static final String NETWORK_ALIAS = "fogbank";

  private static final String INIT_DIR = "/etc/fogbank/init/ready.d/";
  private String region = "us-east-1";
  private int initScripts;

  public FogbankContainer() {
    this(DEFAULT_IMAGE);
  }

  public FogbankContainer(String image) {
    this(DockerImageName.parse(image));
  }

  public FogbankContainer(DockerImageName image) {
    super(image);
    image.assertCompatibleWith(DEFAULT_IMAGE);
    withExposedPorts(PORT);
    withNetworkAliases(NETWORK_ALIAS);
    waitingFor(
        new WaitAllStrategy()
            .withStrategy(Wait.forHttp("/_fogbank/health").forPort(PORT).forStatusCode(200))
            .withStrategy(
                Wait.forHttp("/_fogbank/init/ready")
                    .forPort(PORT)
                    .forResponsePredicate(body -> body.contains("\"completed\":true")))
            .withStartupTimeout(Duration.ofSeconds(60)));
  }

  /** Only these services ({@code "sqs"}, {@code "lambda"}, …); by default all. */
  public FogbankContainer withServices(String... services) {
    return withEnv("FOGBANK_SERVICES", String.join(",", List.of(services)).toLowerCase(Locale.ROOT));
  }

  /**
   * A virtual clock that {@link #advance} moves: "retry after two minutes" takes no real time.
   */
  public FogbankContainer withVirtualTime() {
    return withEnv("FOGBANK_VIRTUAL_TIME", "true");
  }

  public FogbankContainer withRegion(String region) {
    this.region = region;
    return withEnv("FOGBANK_REGION", region);
  }

  /** A service setting, as {@code fogbank start --set name=value} takes it. */
  public FogbankContainer withSetting(String name, String value) {
    String args = getEnvMap().getOrDefault("FOGBANK_SETTINGS", "");
    return withEnv("FOGBANK_SETTINGS", args.isEmpty() ? name + "=" + value : args + "," + name + "=" + value);
  }

  /**
   * A script (shell, with its {@code #!} line) run once Fogbank is ready, before the container
   * counts as started; it finds Fogbank at {@code $AWS_ENDPOINT_URL}. Scripts run in the order
   * they were added. {@code script} is a class path resource or, failing that, a file.
   */
  public FogbankContainer withInitScript(String script) {
    MountableFile file =
        Thread.currentThread().getContextClassLoader().getResource(script) != null
            ? MountableFile.forClasspathResource(script, 0755)
            : MountableFile.forHostPath(script, 0755);
    return withCopyFileToContainer(file, INIT_DIR + scriptName(Path.of(script).getFileName().toString()));
  }

  /** A script given as its text, e.g. {@code "#!/bin/sh\n..."}. */
  public FogbankContainer withInitScript(String name, String text) {
    return withCopyToContainer(Transferable.of(text, 0755), INIT_DIR + scriptName(name));
  }

  /** Keeps the order scripts were added in: the init folder runs in name order. */
  private String scriptName(String name) {
    return String.format("%02d-%s", ++initScripts, name);
  }

  /** The endpoint for clients on this machine: {@code http://<host>:<mapped port>}. */
  public URI getEndpoint() {
    return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
  }

  /**
   * The endpoint for containers on the same network: {@code http://fogbank:4566}, or the last
   * alias given with {@link #withNetworkAliases}.
   */
  public URI getNetworkEndpoint() {
    // The last alias: Testcontainers puts a random one of its own first.
    List<String> aliases = getNetworkAliases();
    return URI.create("http://" + aliases.get(aliases.size() - 1) + ":" + PORT);
  }

  public String getRegion() {
    return region;
  }

  /** An access key that maps to Fogbank's default account {@code 000000000000}. */
  public String getAccessKey() {
    return "test";
  }

  public String getSecretKey() {
    return "test";
  }

  /** Moves a {@link #withVirtualTime virtual} clock forward through {@code POST /_fogbank/clock}. */
  public void advance(Duration duration) {
    HttpRequest request =
        HttpRequest.newBuilder(getEndpoint().resolve("/_fogbank/clock"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"advance\":\"" + duration + "\"}"))
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("Fogbank did not advance its clock: " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach Fogbank at " + getEndpoint(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
