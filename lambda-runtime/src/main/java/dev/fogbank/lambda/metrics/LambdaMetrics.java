package dev.fogbank.lambda.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The metrics Lambda keeps per function in the {@code AWS/Lambda} namespace ("Types of metrics for
 * Lambda functions" in the Developer Guide): invocation metrics (Invocations, Errors, Throttles,
 * DeadLetterErrors, DestinationDeliveryFailures), performance (Duration, IteratorAge, AsyncEventAge),
 * concurrency (ConcurrentExecutions) and asynchronous invocation metrics (AsyncEventsReceived,
 * AsyncEventsDropped). Counts are sums since start (or reset); Duration, AsyncEventAge and
 * IteratorAge keep SampleCount, Sum, Minimum and Maximum, as CloudWatch's statistics would show
 * them; ConcurrentExecutions keeps the current value and the maximum seen.
 */
public final class LambdaMetrics {

  /** A sum of events, such as Invocations. */
  public enum Count {
    Invocations,
    Errors,
    Throttles,
    DeadLetterErrors,
    DestinationDeliveryFailures,
    AsyncEventsReceived,
    AsyncEventsDropped
  }

  /** A measured value with CloudWatch statistics, in milliseconds. */
  public enum Sample {
    Duration,
    AsyncEventAge,
    IteratorAge
  }

  private static final class Statistics {
    final LongAdder count = new LongAdder();
    final DoubleAdder sum = new DoubleAdder();
    double min = Double.NaN;
    double max = Double.NaN;

    synchronized void add(double value) {
      count.increment();
      sum.add(value);
      min = Double.isNaN(min) ? value : Math.min(min, value);
      max = Double.isNaN(max) ? value : Math.max(max, value);
    }

    synchronized void write(ObjectNode out) {
      out.put("SampleCount", count.sum());
      out.put("Sum", sum.sum());
      if (!Double.isNaN(min)) {
        out.put("Minimum", min);
        out.put("Maximum", max);
        out.put("Average", sum.sum() / count.sum());
      }
    }
  }

  /**
   * Where each datapoint also goes as it is recorded: CloudWatch's {@code AWS/Lambda} namespace
   * when CloudWatch runs.
   */
  @FunctionalInterface
  public interface Publisher {
    /**
     * @param unit CloudWatch's unit: {@code Count} or {@code Milliseconds}
     */
    void publish(String account, String region, String function, String metric, double value, String unit);
  }

  private volatile Publisher publisher;

  /** Sends every datapoint from now on to {@code publisher} as well. */
  public void publishTo(Publisher publisher) {
    this.publisher = publisher;
  }

  /** One function's metrics. */
  public final class FunctionMetrics {
    private final String account;
    private final String region;
    private final String function;

    FunctionMetrics(String account, String region, String function) {
      this.account = account;
      this.region = region;
      this.function = function;
    }

    private void publish(String metric, double value, String unit) {
      Publisher p = publisher;
      if (p != null) {
        p.publish(account, region, function, metric, value, unit);
      }
    }

    private final Map<Count, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<Sample, Statistics> samples = new ConcurrentHashMap<>();
    private final AtomicLong concurrent = new AtomicLong();
    private final AtomicLong maxConcurrent = new AtomicLong();
    private final AtomicLong asyncRunning = new AtomicLong();
    private final AtomicLong asyncWaiting = new AtomicLong();

    /**
     * The asynchronous queue's state, not a CloudWatch metric: events whose attempt runs now, and
     * events waiting for a retry timer. A test that drives virtual time waits for Running to reach
     * 0 before it advances again.
     */
    public void asyncRunning(long delta) {
      asyncRunning.addAndGet(delta);
    }

    public void asyncWaiting(long delta) {
      asyncWaiting.addAndGet(delta);
    }

    public void add(Count count) {
      add(count, 1);
    }

    public void add(Count count, long n) {
      counts.computeIfAbsent(count, c -> new LongAdder()).add(n);
      publish(count.name(), n, "Count");
    }

    public long get(Count count) {
      LongAdder a = counts.get(count);
      return a == null ? 0 : a.sum();
    }

    public void sample(Sample sample, double millis) {
      samples.computeIfAbsent(sample, s -> new Statistics()).add(millis);
      publish(sample.name(), millis, "Milliseconds");
    }

    /** An execution started: ConcurrentExecutions rises. */
    public void started() {
      long now = concurrent.incrementAndGet();
      maxConcurrent.accumulateAndGet(now, Math::max);
      publish("ConcurrentExecutions", now, "Count");
    }

    public void finished() {
      concurrent.decrementAndGet();
    }

    ObjectNode json() {
      ObjectNode out = Json.object();
      for (Count c : Count.values()) {
        out.put(c.name(), get(c));
      }
      ObjectNode ce = out.putObject("ConcurrentExecutions");
      ce.put("Current", concurrent.get());
      ce.put("Maximum", maxConcurrent.get());
      out.putObject("AsyncQueue").put("Running", asyncRunning.get()).put("Waiting", asyncWaiting.get());
      for (Sample s : Sample.values()) {
        Statistics st = samples.get(s);
        ObjectNode node = out.putObject(s.name());
        if (st != null) {
          st.write(node);
        } else {
          node.put("SampleCount", 0).put("Sum", 0.0);
        }
      }
      return out;
    }
  }

  private final Map<String, FunctionMetrics> functions = new ConcurrentHashMap<>();

  /** The metrics of the function {@code name} in an account and region. */
  public FunctionMetrics of(String account, String region, String name) {
    return functions.computeIfAbsent(account + "/" + region + "/" + name, k -> new FunctionMetrics(account, region, name));
  }

  /**
   * Every function's metrics: {@code {"Namespace":"AWS/Lambda","Functions":[{"FunctionName",
   * "Account","Region","Metrics":{…}}]}}, optionally only one function's.
   */
  public ObjectNode json(String functionName) {
    ObjectNode out = Json.object();
    out.put("Namespace", "AWS/Lambda");
    ArrayNode list = out.putArray("Functions");
    new TreeMap<>(functions)
        .forEach(
            (key, m) -> {
              String[] parts = key.split("/", 3);
              if (functionName != null && !functionName.equals(parts[2])) {
                return;
              }
              ObjectNode f = list.addObject();
              f.put("FunctionName", parts[2]);
              f.put("Account", parts[0]);
              f.put("Region", parts[1]);
              f.set("Metrics", m.json());
            });
    return out;
  }

  public void reset() {
    functions.clear();
  }
}
