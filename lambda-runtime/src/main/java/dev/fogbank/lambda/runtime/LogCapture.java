package dev.fogbank.lambda.runtime;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.out} and {@code System.err} of in-process Java functions: while a thread (or a
 * thread it started) runs an invocation, what it prints goes to that invocation's log; everything
 * else reaches the streams Fogbank started with.
 */
final class LogCapture {

  private static final InheritableThreadLocal<StringBuffer> CURRENT = new InheritableThreadLocal<>();
  private static volatile boolean installed;

  private LogCapture() {}

  static synchronized void install() {
    if (installed) {
      return;
    }
    System.setOut(routing(System.out));
    System.setErr(routing(System.err));
    installed = true;
  }

  /** Routes this thread's (and its children's) output to {@code log}; null stops routing. */
  static void route(StringBuffer log) {
    if (log == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(log);
    }
  }

  static StringBuffer current() {
    return CURRENT.get();
  }

  private static PrintStream routing(PrintStream original) {
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            StringBuffer log = CURRENT.get();
            if (log == null) {
              original.write(b, off, len);
            } else {
              log.append(new String(b, off, len, StandardCharsets.UTF_8));
            }
          }

          @Override
          public void flush() {
            original.flush();
          }
        };
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }
}
