package dev.fogbank.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Drives an endpoint with one workload from {@code --concurrency} threads, each with its own
 * resources and connection, and prints one JSON line: calls per second and call latency percentiles
 * over the measured window. An "op" is one API call (one HTTP request and its response).
 */
public final class LoadDriver {

  private LoadDriver() {}

  public static void main(String[] args) throws InterruptedException {
    DriverOptions options;
    Workload workload;
    try {
      options = DriverOptions.parse(args);
      workload = Workload.named(options.workload());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      System.out.println(run(options, workload));
    } catch (SdkException e) {
      // Creating the workload's resources failed: nothing was measured.
      System.err.println("setup against " + options.endpoint() + " failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Connections beyond one per worker, for a workload's own consumers (sns-fanout's long polls). */
  private static final int SPARE_CONNECTIONS = 16;

  static String run(DriverOptions options, Workload workload) throws InterruptedException {
    try (BenchClients clients = new BenchClients(options.endpoint(), options.concurrency() + SPARE_CONNECTIONS)) {
      workload.setUp(clients, options);
      List<Workload.Worker> workers = new ArrayList<>();
      try {
        for (int i = 0; i < options.concurrency(); i++) {
          workers.add(workload.worker(clients, i, options));
        }
        long measureFrom = System.nanoTime() + options.warmupSeconds() * 1_000_000_000L;
        long measureUntil = measureFrom + options.seconds() * 1_000_000_000L;
        workload.start(measureFrom, measureUntil);
        List<OpTimer> timers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
          Workload.Worker worker = workers.get(i);
          OpTimer timer = new OpTimer(measureFrom, measureUntil);
          timers.add(timer);
          long interval = options.rate() == 0 ? 0 : options.concurrency() * 1_000_000_000L / options.rate();
          // Paced workers start spread over one interval, so that their cycles do not come in bursts.
          long firstAt = System.nanoTime() + interval * i / options.concurrency();
          threads.add(
              Thread.ofPlatform().name("bench-worker-" + i).start(() -> loop(worker, timer, firstAt, interval)));
        }
        double serverCpu = Double.NaN;
        if (options.serverPid() > 0) {
          ServerCpu cpu = new ServerCpu(options.serverPid(), options.clockTicks());
          sleepUntil(measureFrom);
          double before = cpu.seconds();
          sleepUntil(measureUntil);
          serverCpu = cpu.seconds() - before;
        }
        for (Thread t : threads) {
          t.join();
        }
        ObjectNode line = report(options, timers, serverCpu);
        workload.finish(line, options, serverCpu);
        return line.toString();
      } finally {
        workers.forEach(Workload.Worker::close);
        workload.tearDown();
      }
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
    }
  }

  /**
   * Repeats the worker's cycle until the deadline; with {@code --rate}, each worker starts a cycle
   * every {@code interval} nanoseconds (concurrency / rate seconds), and one that falls behind
   * starts its next cycle at once, without bursting to catch up.
   */
  private static void loop(Workload.Worker worker, OpTimer timer, long firstAt, long interval) {
    long next = firstAt;
    while (!timer.pastDeadline()) {
      if (interval > 0) {
        long now = System.nanoTime();
        if (next > now) {
          LockSupport.parkNanos(next - now);
          continue;
        }
        next = Math.max(next + interval, now);
      }
      try {
        worker.cycle(timer);
      } catch (RuntimeException e) {
        // Already counted as an error by the timer; the next cycle starts afresh.
      }
    }
  }

  private static ObjectNode report(DriverOptions options, List<OpTimer> timers, double serverCpu) {
    Histogram all = new Histogram(1_000L, 60_000_000_000L, 3);
    long ops = 0;
    long errors = 0;
    for (OpTimer t : timers) {
      all.add(t.latencies());
      ops += t.ops();
      errors += t.errors();
    }
    ObjectNode line = new ObjectMapper().createObjectNode();
    line.put("workload", options.workload());
    line.put("endpoint", options.endpoint().toString());
    line.put("seconds", options.seconds());
    line.put("concurrency", options.concurrency());
    if (options.rate() > 0) {
      line.put("rate", options.rate());
    }
    line.put("ops", ops);
    line.put("ops_per_s", round((double) ops / options.seconds(), 1));
    line.put("p50_ms", ops == 0 ? 0 : round(all.getValueAtPercentile(50) / 1e6, 3));
    line.put("p99_ms", ops == 0 ? 0 : round(all.getValueAtPercentile(99) / 1e6, 3));
    line.put("errors", errors);
    if (!Double.isNaN(serverCpu)) {
      // Only with --server-pid: the server's CPU seconds over the measured window.
      line.put("server_cpu_s", round(serverCpu, 2));
      line.put("ops_per_cpu_s", serverCpu > 0 ? round(ops / serverCpu, 1) : 0);
    }
    return line;
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
