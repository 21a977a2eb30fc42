package dev.fogbank.stepfunctions.asl;

/**
 * A runtime error of a state, named as the States Language names it ({@code States.TaskFailed},
 * {@code States.Runtime}, a service's {@code Lambda.ServiceException}, a Fail state's own Error),
 * with its cause. Retry and Catch match on {@link #error}.
 */
public final class StatesError extends RuntimeException {

  private final String error;
  private final String cause;

  public StatesError(String error, String cause) {
    super(error + ": " + cause, null, false, false);
    this.error = error;
    this.cause = cause;
  }

  public String error() {
    return error;
  }

  public String cause() {
    return cause;
  }

  public static StatesError runtime(String cause) {
    return new StatesError(ErrorNames.RUNTIME, cause);
  }
}
