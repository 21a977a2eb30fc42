package dev.fogbank.lambda.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes Lambda's metrics to CloudWatch, as Lambda does: namespace {@code AWS/Lambda},
 * dimension {@code FunctionName}, through the in-process client's PutMetricData (which accepts the
 * reserved {@code AWS/} namespace only from inside Fogbank). Nothing is sent while CloudWatch does
 * not run; a refused datapoint is logged and the invocation goes on.
 */
public final class CloudWatchPublisher implements LambdaMetrics.Publisher {

  private static final Logger log = LoggerFactory.getLogger(CloudWatchPublisher.class);

  private final InProcessClient client;

  public CloudWatchPublisher(InProcessClient client) {
    this.client = client;
  }

  @Override
  public void publish(String account, String region, String function, String metric, double value, String unit) {
    if (client == null || !client.has("monitoring")) {
      return;
    }
    ObjectNode input = Json.object();
    input.put("Namespace", "AWS/Lambda");
    ObjectNode datum = input.putArray("MetricData").addObject();
    datum.put("MetricName", metric);
    datum.putArray("Dimensions").addObject().put("Name", "FunctionName").put("Value", function);
    datum.put("Value", value);
    datum.put("Unit", unit);
    try {
      client.call("monitoring", "PutMetricData", account, region, input);
    } catch (AwsException | IllegalArgumentException e) {
      log.debug("CloudWatch refused {} of {}: {}", metric, function, e.toString());
    }
  }
}
