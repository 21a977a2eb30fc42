package dev.fogbank.lambda.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda Runtime API (version 2018-06-01) for one execution environment, on a loopback port
 * of its own: runtime clients take {@code AWS_LAMBDA_RUNTIME_API} as a bare {@code host:port}, so
 * the port is what tells environments apart.
 *
 * <ul>
 *   <li>{@code GET /2018-06-01/runtime/invocation/next} waits for the next event and answers it
 *       with the {@code Lambda-Runtime-*} headers;
 *   <li>{@code POST /2018-06-01/runtime/invocation/{id}/response} and {@code …/{id}/error} end it;
 *   <li>{@code POST /2018-06-01/runtime/init/error} reports a failed init.
 * </ul>
 */
final class RuntimeApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RuntimeApiServer.class);
  private static final String PREFIX = "/2018-06-01/runtime/";

  /** What the environment does with the runtime's calls. */
  interface Listener {
    /** The runtime asked for work: the first call ends init. */
    void polling();

    void response(String requestId, byte[] body);

    /** {@code errorType} is the {@code Lambda-Runtime-Function-Error-Type} header, if any. */
    void error(String requestId, byte[] body, String errorType);

    void initError(byte[] body, String errorType);

    /** Whether {@code requestId} is the request the environment is running. */
    boolean current(String requestId);
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final SynchronousQueue<Invocation> next = new SynchronousQueue<>();
  private final Listener listener;
  private volatile boolean closed;

  RuntimeApiServer(Listener listener) throws IOException {
    this.listener = listener;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(executor);
    server.createContext(PREFIX, this::handle);
    server.start();
  }

  /** {@code 127.0.0.1:<port>}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  String address() {
    return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  /** Hands an invocation to the runtime's waiting (or next) {@code /next} call. */
  boolean offer(Invocation invocation, long timeoutMillis) throws InterruptedException {
    return next.offer(invocation, timeoutMillis, TimeUnit.MILLISECONDS);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath().substring(PREFIX.length());
      String method = ex.getRequestMethod();
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (method.equals("GET") && path.equals("invocation/next")) {
        next(ex);
      } else if (method.equals("POST") && path.equals("init/error")) {
        listener.initError(body, ex.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
        accepted(ex);
      } else if (method.equals("POST") && path.startsWith("invocation/")) {
        String[] parts = path.split("/");
        if (parts.length != 3 || !(parts[2].equals("response") || parts[2].equals("error"))) {
          send(ex, 404, "{\"errorMessage\":\"Unknown path\",\"errorType\":\"NotFound\"}");
        } else if (!listener.current(parts[1])) {
          send(ex, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
        } else {
          if (parts[2].equals("response")) {
            listener.response(parts[1], body);
          } else {
            listener.error(parts[1], body, ex.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
          }
          accepted(ex);
        }
      } else {
        send(ex, 404, "{\"errorMessage\":\"Unknown path\",\"errorType\":\"NotFound\"}");
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        log.debug("runtime API call failed", e);
      }
    }
  }

  private void next(HttpExchange ex) throws IOException {
    listener.polling();
    Invocation inv;
    try {
      inv = next.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    var h = ex.getResponseHeaders();
    h.set("Content-Type", "application/json");
    h.set("Lambda-Runtime-Aws-Request-Id", inv.requestId());
    h.set("Lambda-Runtime-Deadline-Ms", Long.toString(inv.deadlineMillis()));
    h.set("Lambda-Runtime-Invoked-Function-Arn", inv.invokedFunctionArn());
    h.set("Lambda-Runtime-Trace-Id", inv.traceId());
    if (inv.clientContext() != null) {
      h.set("Lambda-Runtime-Client-Context", inv.clientContext());
    }
    byte[] payload = inv.payload();
    ex.sendResponseHeaders(200, payload.length == 0 ? -1 : payload.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(payload);
    }
  }

  private static void accepted(HttpExchange ex) throws IOException {
    send(ex, 202, "{\"status\":\"OK\"}");
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    executor.shutdownNow();
  }
}
