package dev.fogbank.lambda.runtime.sandbox;

/**
 * Unwinds a function's thread after it called {@code System.exit}, {@code Runtime.exit} or {@code
 * Runtime.halt}: in Lambda the call never returns, because the process is gone. An {@link Error},
 * so that a function's {@code catch (Exception e)} does not swallow it.
 */
public final class RuntimeExit extends Error {

  private static final long serialVersionUID = 1L;

  private final int status;

  RuntimeExit(int status) {
    super("Runtime exited with error: exit status " + status, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
