package dev.fogbank.apigw.bench;

import dev.fogbank.apigw.it.Lambdas;
import dev.fogbank.testkit.Fogbank;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Numbers, not a test: a REST API's Lambda proxy integration to an in-process Java function under
 * {@code wrk}, beside the same function invoked directly through Lambda's Invoke with the same
 * concurrency, so that the difference is what API Gateway's routing and mapping cost. Both paths
 * warm up in turns (five times 6 s each) before either is measured. Prints one JSON line per path,
 * with the server's CPU time per request beside wrk's figures. Arguments: seconds (20), wrk
 * connections (64).
 */
public final class ApiGatewayBench {

  private static final int WARM_ROUNDS = 5;
  private static final int WARM_SECONDS = 6;

  /** Answers every proxy event with a fixed 200, so both paths run the same function work. */
  private static final String OK_FUNCTION =
      """
      package example;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
      import java.io.*;
      import java.nio.charset.StandardCharsets;

      public class Ok implements RequestStreamHandler {
        private static final byte[] OK = "{\\"statusCode\\":200,\\"body\\":\\"ok\\"}".getBytes(StandardCharsets.UTF_8);

        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
          in.readAllBytes();
          out.write(OK);
        }
      }
      """;

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    // The account's default 10 000 requests/s (burst 5 000) would throttle a run faster than that;
    // raise it, and the stage's limits below, so the figure is the pipeline's, not the throttle's.
    Map<String, String> unthrottled = Map.of("apigateway.account-rate", "1000000", "apigateway.account-burst", "1000000");
    try (Fogbank fogbank = Fogbank.builder().port(0).services("lambda", "apigateway").settings(unthrottled).start()) {
      LambdaClient lambda = fogbank.client(LambdaClient.builder());
      ApiGatewayClient apigw = fogbank.client(ApiGatewayClient.builder());
      String name = Lambdas.uniqueName("bench");
      String arn = Lambdas.create(lambda, name, "example.Ok", OK_FUNCTION, Map.of());

      String api = apigw.createRestApi(r -> r.name("bench")).id();
      String root = apigw.getResources(r -> r.restApiId(api)).items().get(0).id();
      String proxy = apigw.createResource(r -> r.restApiId(api).parentId(root).pathPart("{proxy+}")).id();
      apigw.putMethod(r -> r.restApiId(api).resourceId(proxy).httpMethod("ANY").authorizationType("NONE"));
      apigw.putIntegration(r -> r.restApiId(api).resourceId(proxy).httpMethod("ANY").type(IntegrationType.AWS_PROXY)
          .integrationHttpMethod("POST").uri(Lambdas.integrationUri(arn)));
      apigw.createDeployment(r -> r.restApiId(api).stageName("bench"));
      apigw.updateStage(r -> r.restApiId(api).stageName("bench").patchOperations(
          p -> p.op(Op.REPLACE).path("/*/*/throttling/rateLimit").value("1000000"),
          p -> p.op(Op.REPLACE).path("/*/*/throttling/burstLimit").value("1000000")));

      String base = "http://127.0.0.1:" + fogbank.port();
      Path post = Files.createTempFile("invoke", ".lua");
      Files.writeString(post, "wrk.method = \"POST\"\nwrk.body = \"{}\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n");
      List<Workload> workloads = List.of(
          new Workload("apigw-lambda-proxy", base + "/restapis/" + api + "/bench/_user_request_/items/1", null),
          new Workload("lambda-invoke-direct", base + "/2015-03-31/functions/" + name + "/invocations", post));
      // Both paths warm before either is measured, in turns: they share Lambda, the server and
      // Netty, and whichever ran first would otherwise pay for compiling that shared code. On two
      // shared cores with other work running, the JIT takes about a minute to settle both paths.
      for (int round = 0; round < WARM_ROUNDS; round++) {
        for (Workload w : workloads) {
          run(command(w, connections, List.of("-d" + WARM_SECONDS + "s", w.url())));
        }
      }
      for (Workload w : workloads) {
        wrk(w, seconds, connections);
      }
      Files.delete(post);
    }
  }

  /** A path under test: a URL, and the wrk script that makes its request (null for a GET). */
  private record Workload(String name, String url, Path script) {}

  private static List<String> command(Workload w, int connections, List<String> tail) {
    List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections));
    if (w.script() != null) {
      command.addAll(List.of("-s", w.script().toString()));
    }
    command.addAll(tail);
    return command;
  }

  /** wrk's requests/s and latency percentiles of a warmed-up path, as one JSON line. */
  private static void wrk(Workload w, int seconds, int connections) throws IOException, InterruptedException {
    String workload = w.name();
    List<String> measured = command(w, connections, List.of("-d" + seconds + "s", "--latency", w.url()));
    String rps = "null";
    String p50 = "null";
    String p99 = "null";
    String non2xx = "0";
    long requests = 0;
    long cpuBefore = processCpuNanos();
    List<String> lines = run(measured);
    long cpuNanos = processCpuNanos() - cpuBefore;
    for (String line : lines) {
      String t = line.trim();
      if (t.contains(" requests in ")) {
        requests = Long.parseLong(t.substring(0, t.indexOf(' ')));
      } else if (t.startsWith("Requests/sec:")) {
        rps = t.substring(13).trim();
      } else if (t.startsWith("50%")) {
        p50 = "\"" + t.substring(3).trim() + "\"";
      } else if (t.startsWith("99%")) {
        p99 = "\"" + t.substring(3).trim() + "\"";
      } else if (t.startsWith("Non-2xx")) {
        non2xx = t.substring(t.indexOf(':') + 1).trim();
      }
    }
    // The server's CPU per request: this process's CPU time over the measured run (the server and
    // everything it runs, JIT and GC included; wrk is a process of its own). It holds still when
    // other work on the machine moves requests/s and latency about.
    String cpuPerRequest = requests > 0 ? String.format(java.util.Locale.ROOT, "%.1f", cpuNanos / 1000.0 / requests) : "null";
    System.out.printf(
        "{\"workload\":\"%s\",\"tool\":\"wrk\",\"seconds\":%d,\"connections\":%d,\"requests_per_s\":%s,\"p50\":%s,\"p99\":%s,\"non_2xx\":%s,\"server_cpu_us_per_request\":%s}%n",
        workload, seconds, connections, rps, p50, p99, non2xx, cpuPerRequest);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
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
}
