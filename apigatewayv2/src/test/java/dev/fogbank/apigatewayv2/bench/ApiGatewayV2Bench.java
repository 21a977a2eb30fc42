package dev.fogbank.apigatewayv2.bench;

import dev.fogbank.testkit.Fogbank;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Numbers, not a test: an HTTP API → Lambda proxy (payload 2.0, a Python function) under {@code
 * wrk}, and WebSocket messages round-tripped through a Lambda echo route by the JDK client. Prints
 * one JSON line per workload. Arguments: seconds (20), wrk connections (8), WebSocket clients (8).
 */
public final class ApiGatewayV2Bench {

  private static final String HTTP_FUNCTION =
      """
      def handler(event, context):
          return {"statusCode": 200, "headers": {"Content-Type": "text/plain"}, "body": "ok"}
      """;

  private static final String ECHO_FUNCTION =
      """
      def handler(event, context):
          return {"statusCode": 200, "body": event.get("body")}
      """;

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    try (Fogbank fogbank = Fogbank.builder().port(0).services("lambda", "apigatewayv2").start()) {
      LambdaClient lambda = fogbank.client(LambdaClient.builder());
      ApiGatewayV2Client apigw = fogbank.client(ApiGatewayV2Client.builder());
      String httpArn = function(lambda, HTTP_FUNCTION);
      String echoArn = function(lambda, ECHO_FUNCTION);
      String httpApi = apigw.createApi(r -> r.name("bench").protocolType(ProtocolType.HTTP).target(httpArn)).apiId();
      String url = fogbank.endpoint() + "/_fogbank/apigatewayv2/" + httpApi + "/$default/bench";
      wrk(url, seconds, connections);

      String wsApi = apigw.createApi(r -> r.name("ws-bench").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
      String integration = apigw.createIntegration(r -> r.apiId(wsApi).integrationType(IntegrationType.AWS_PROXY).integrationUri(echoArn)).integrationId();
      String route = apigw.createRoute(r -> r.apiId(wsApi).routeKey("$default").target("integrations/" + integration)).routeId();
      apigw.createRouteResponse(r -> r.apiId(wsApi).routeId(route).routeResponseKey("$default"));
      String deployment = apigw.createDeployment(r -> r.apiId(wsApi)).deploymentId();
      apigw.createStage(r -> r.apiId(wsApi).stageName("bench").deploymentId(deployment));
      webSockets("ws://127.0.0.1:" + fogbank.port() + "/_fogbank/apigatewayv2/" + wsApi + "/bench", seconds, clients);
    }
  }

  private static String function(LambdaClient lambda, String source) throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("app.py"));
      out.write(source.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    String arn =
        lambda
            .createFunction(
                r ->
                    r.functionName(name)
                        .runtime(Runtime.PYTHON3_11)
                        .handler("app.handler")
                        .role("arn:aws:iam::000000000000:role/bench")
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(zip.toByteArray()))))
            .functionArn();
    lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    return arn;
  }

  /** wrk's Requests/sec and 99th percentile, after a 5 s warm-up run. */
  private static void wrk(String url, int seconds, int connections) throws IOException, InterruptedException {
    run(List.of("wrk", "-t2", "-c" + connections, "-d5s", url));
    List<String> out = run(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", url));
    String rps = "null";
    String p99 = "null";
    String non2xx = "0";
    for (String line : out) {
      String t = line.trim();
      if (t.startsWith("Requests/sec:")) {
        rps = t.substring(13).trim();
      } else if (t.startsWith("99%")) {
        p99 = "\"" + t.substring(3).trim() + "\"";
      } else if (t.startsWith("Non-2xx")) {
        non2xx = t.substring(t.indexOf(':') + 1).trim();
      }
    }
    System.out.printf(
        "{\"workload\":\"http-api-lambda-proxy\",\"tool\":\"wrk\",\"seconds\":%d,\"connections\":%d,\"requests_per_s\":%s,\"p99\":%s,\"non_2xx\":%s}%n",
        seconds, connections, rps, p99, non2xx);
  }

  private static List<String> run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
      }
    }
    p.waitFor();
    return lines;
  }

  /** Each client sends a message, waits for the echo, and sends the next; latencies per round trip. */
  private static void webSockets(String url, int seconds, int clients) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<long[]>> runs = new ArrayList<>();
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
    for (int i = 0; i < clients; i++) {
      runs.add(CompletableFuture.supplyAsync(() -> client(http, url, warmupEnd, end)));
    }
    List<Long> all = new ArrayList<>();
    for (CompletableFuture<long[]> run : runs) {
      for (long l : run.join()) {
        all.add(l);
      }
    }
    long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    double p50 = sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6;
    double p99 = sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
    System.out.printf(
        "{\"workload\":\"websocket-lambda-echo\",\"seconds\":%d,\"clients\":%d,\"round_trips\":%d,\"round_trips_per_s\":%.1f,\"p50_ms\":%.2f,\"p99_ms\":%.2f}%n",
        seconds, clients, sorted.length, sorted.length / (double) seconds, p50, p99);
  }

  private static long[] client(HttpClient http, String url, long warmupEnd, long end) {
    SynchronousQueue<String> replies = new SynchronousQueue<>();
    WebSocket ws =
        http.newWebSocketBuilder()
            .buildAsync(
                URI.create(url),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    try {
                      replies.put(data.toString());
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    w.request(1);
                    return null;
                  }
                })
            .join();
    List<Long> latencies = new ArrayList<>();
    try {
      while (System.nanoTime() < end) {
        long start = System.nanoTime();
        ws.sendText("{\"n\":" + start + "}", true).join();
        String reply = replies.poll(30, TimeUnit.SECONDS);
        long done = System.nanoTime();
        if (reply != null && start >= warmupEnd && done <= end) {
          latencies.add(done - start);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ws.sendClose(1000, "").join();
    return latencies.stream().mapToLong(Long::longValue).toArray();
  }

  private ApiGatewayV2Bench() {}
}
