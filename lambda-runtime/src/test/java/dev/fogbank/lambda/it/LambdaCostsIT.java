package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** {@code GET /_fogbank/lambda/costs}: what the invocations would cost on AWS Lambda. */
class LambdaCostsIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());

  private JsonNode costs(String function) throws Exception {
    URI uri = fogbank.endpoint().resolve("/_fogbank/lambda/costs?FunctionName=" + function);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    return JSON.readTree(r.body());
  }

  @Test
  void invocationsAreCountedWithTheirGbSecondsAndPricedPerArchitecture() throws Exception {
    String name = Functions.uniqueName("cost");
    Functions.create(
        lambda,
        name,
        Runtime.PYTHON3_12,
        "app.handler",
        Packages.zip("app.py", "def handler(event, context):\n    return 1\n"),
        b -> b.memorySize(256).architectures(Architecture.ARM64));
    for (int i = 0; i < 3; i++) {
      lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String("{}")));
    }

    JsonNode out = costs(name);
    assertEquals(1, out.path("Functions").size());
    JsonNode f = out.path("Functions").get(0);
    assertEquals(name, f.path("FunctionName").asText());
    assertEquals("arm64", f.path("Architecture").asText());
    assertEquals(3, f.path("Invocations").asLong());
    long billedMs = f.path("BilledDurationMs").asLong();
    assertTrue(billedMs >= 3, "each invocation bills at least 1 ms");
    // GB-seconds = billed ms × 256/1024 GB / 1000.
    BigDecimal gbs = BigDecimal.valueOf(billedMs).multiply(new BigDecimal("0.25")).divide(new BigDecimal(1000));
    assertEquals(0, gbs.compareTo(f.path("GbSeconds").decimalValue()));
    // $0.20 per million requests; $0.0000133334 per GB-second on arm64.
    assertEquals(0, new BigDecimal("0.0000006").compareTo(f.path("Cost").path("Requests").decimalValue()));
    BigDecimal duration = gbs.multiply(new BigDecimal("0.0000133334")).setScale(10, RoundingMode.HALF_UP);
    assertEquals(0, duration.compareTo(f.path("Cost").path("Duration").decimalValue()));
    // Three requests are far inside the monthly free tier.
    assertEquals(0, BigDecimal.ZERO.compareTo(f.path("CostAfterFreeTier").path("Total").decimalValue()));
    assertEquals(1_000_000, out.path("Pricing").path("MonthlyFreeTier").path("Requests").asLong());
  }
}
