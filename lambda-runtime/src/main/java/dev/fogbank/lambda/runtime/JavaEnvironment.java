package dev.fogbank.lambda.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import dev.fogbank.lambda.runtime.sandbox.RuntimeExit;
import dev.fogbank.lambda.runtime.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@code java*} execution environment inside Fogbank's JVM: the package in a class loader of
 * its own, the handler class initialised and instantiated once (the init phase), then one request
 * at a time on a thread of its own whose {@code System.out}/{@code System.err} go to the
 * invocation's log. A timeout interrupts that thread and retires the environment with its class
 * loader, as Lambda retires the sandbox.
 *
 * <p>The function's classes see the environment's variables in {@code System.getenv}, and its
 * {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} end this environment, not
 * Fogbank: the invocation answers {@code Runtime.ExitError} as Lambda does when the runtime process
 * exits, and the next invocation gets a new environment with a new init (see {@link Sandbox}).
 */
final class JavaEnvironment implements ExecutionEnvironment {

  private final Map<String, String> environment;
  private final Clock clock;
  private final FunctionClassLoader loader;
  private final JavaHandler handler;
  private final byte[] initError;
  private final String initLog;
  private final double initMillis;
  private boolean initReported;
  private final Sandbox sandbox;
  private volatile boolean dead;
  private volatile Thread running;
  private volatile Running current;

  /** The invocation in progress, which an exit from any of the function's threads ends. */
  private record Running(Invocation invocation, StringBuffer log, CompletableFuture<InvocationResult> future) {}

  JavaEnvironment(String name, String handlerName, Path code, Path opt, Map<String, String> environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
    LogCapture.install();
    long start = System.nanoTime();
    this.sandbox = new Sandbox(environment, this::exited);
    this.loader = new FunctionClassLoader("lambda:" + name, code, opt, JavaEnvironment.class.getClassLoader(), sandbox);
    StringBuffer log = new StringBuffer();
    JavaHandler resolved = null;
    byte[] error = null;
    Thread self = Thread.currentThread();
    ClassLoader previous = self.getContextClassLoader();
    LogCapture.route(log);
    self.setContextClassLoader(loader);
    try {
      resolved = JavaHandler.resolve(handlerName, loader);
    } catch (JavaHandler.InitError e) {
      error = errorDocument(e.errorType, e.getMessage(), e.getCause());
      log.append(e.getMessage()).append('\n');
    } catch (RuntimeException | LinkageError e) {
      error = errorDocument(e.getClass().getName(), e.getMessage(), e);
    } catch (RuntimeExit e) {
      // exited during init: reported with the first invocation's request id, below
    } finally {
      self.setContextClassLoader(previous);
      LogCapture.route(null);
    }
    this.handler = resolved;
    this.initError = error;
    this.initLog = log.toString();
    this.initMillis = (System.nanoTime() - start) / 1e6;
    if (sandbox.exited()) {
      dead = true;
    }
  }

  /** Init ran in the constructor; an init error means the environment never gets ready. */
  @Override
  public CompletableFuture<Void> ready() {
    return initError == null && !sandbox.exited()
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.failedFuture(new IllegalStateException("the handler failed to initialize"));
  }

  @Override
  public CompletableFuture<InvocationResult> submit(Invocation invocation) {
    CompletableFuture<InvocationResult> future = new CompletableFuture<>();
    Integer exitStatus = sandbox.exitStatus();
    if (exitStatus != null) {
      // The runtime exited during init (or between invocations): Lambda answers the exit.
      dead = true;
      future.complete(InvocationResult.failure(exitDocument(invocation, exitStatus), initLog + exitLine(invocation, exitStatus), true));
      return future;
    }
    if (initError != null) {
      dead = true;
      future.complete(InvocationResult.failure(initError, initLog, true));
      return future;
    }
    Thread.ofVirtual()
        .name("lambda-java-" + invocation.requestId())
        .start(
            () -> {
              running = Thread.currentThread();
              StringBuffer log = new StringBuffer();
              current = new Running(invocation, log, future);
              LogCapture.route(log);
              Thread.currentThread().setContextClassLoader(loader);
              try {
                byte[] out = handler.invoke(invocation.payload(), new FunctionContext(invocation, environment, clock, log));
                future.complete(InvocationResult.success(out, log.toString()));
              } catch (Throwable t) {
                if (dead || sandbox.exited()) {
                  // closed after a timeout, or the exit already answered the invocation
                  return;
                }
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                log.append(trace);
                future.complete(InvocationResult.failure(errorDocument(t.getClass().getName(), t.getMessage(), t), log.toString(), false));
              } finally {
                LogCapture.route(null);
                current = null;
                running = null;
              }
            });
    return future;
  }

  /**
   * The function ended its process (from any of its threads): the running invocation, if any,
   * fails as Lambda reports a runtime that exits, and the environment is done.
   */
  private void exited(int status) {
    dead = true;
    Running r = current;
    if (r == null) {
      return;
    }
    r.future().complete(
        InvocationResult.failure(exitDocument(r.invocation(), status), r.log() + exitLine(r.invocation(), status), true));
    Thread t = running;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
    }
  }

  private static byte[] exitDocument(Invocation invocation, int status) {
    return ErrorDocuments.exited(invocation.requestId(), status);
  }

  /** The lines Lambda adds to the function's log when its runtime exits during an invocation. */
  private static String exitLine(Invocation invocation, int status) {
    return "RequestId: " + invocation.requestId() + " Error: " + ErrorDocuments.exitReason(status) + "\nRuntime.ExitError\n";
  }

  /** The java runtimes' error document: errorMessage, errorType, stackTrace and the cause chain. */
  static byte[] errorDocument(String type, String message, Throwable t) {
    return Json.bytes(errorNode(type, message, t));
  }

  private static ObjectNode errorNode(String type, String message, Throwable t) {
    ObjectNode doc = Json.object();
    doc.put("errorMessage", message);
    doc.put("errorType", type);
    ArrayNode stack = doc.putArray("stackTrace");
    if (t != null) {
      for (StackTraceElement e : t.getStackTrace()) {
        if (e.getClassName().startsWith("dev.fogbank.") || e.getClassName().startsWith("jdk.internal.reflect")) {
          break;
        }
        // As the java runtimes print frames: no class loader or module prefix.
        stack.add(e.getClassName() + "." + e.getMethodName() + "(" + e.getFileName() + ":" + e.getLineNumber() + ")");
      }
      Throwable cause = t.getCause();
      if (cause != null && cause != t) {
        doc.set("cause", errorNode(cause.getClass().getName(), cause.getMessage(), cause));
      }
    }
    return doc;
  }

  @Override
  public boolean alive() {
    return !dead;
  }

  @Override
  public synchronized double takeInitDuration() {
    if (initReported) {
      return -1;
    }
    initReported = true;
    return initMillis;
  }

  /** The shared JVM's heap in use: functions in one JVM have no memory of their own to measure. */
  @Override
  public long maxMemoryUsedMb() {
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
  }

  @Override
  public void close() {
    dead = true;
    Thread t = running;
    if (t != null) {
      t.interrupt();
    }
    try {
      loader.close();
    } catch (IOException e) {
      // the jar files are read-only; nothing to recover
    }
  }
}
