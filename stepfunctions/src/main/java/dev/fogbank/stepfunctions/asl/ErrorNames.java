package dev.fogbank.stepfunctions.asl;

/**
 * The predefined error names of the Amazon States Language
 * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
 */
public final class ErrorNames {

  public static final String ALL = "States.ALL";
  public static final String TASK_FAILED = "States.TaskFailed";
  public static final String TIMEOUT = "States.Timeout";
  public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
  public static final String PERMISSIONS = "States.Permissions";
  public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
  public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
  public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
  public static final String BRANCH_FAILED = "States.BranchFailed";
  public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
  public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
  public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";
  public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
  public static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";
  public static final String RUNTIME = "States.Runtime";

  private ErrorNames() {}

  /**
   * Whether a Retrier's or Catcher's ErrorEquals entry matches an error. {@code States.ALL} matches
   * every error except {@code States.Runtime}, which no retrier or catcher can handle on AWS;
   * {@code States.TaskFailed} matches every error except {@code States.Timeout}.
   */
  public static boolean matches(String pattern, String error) {
    if (error.equals(RUNTIME)) {
      // "A retry or catch on States.ALL doesn't catch States.Runtime errors."
      return false;
    }
    if (pattern.equals(error) || pattern.equals(ALL)) {
      return true;
    }
    // "States.TaskFailed acts as a wildcard that matches any known error name except States.Timeout."
    return pattern.equals(TASK_FAILED) && !error.equals(TIMEOUT);
  }
}
