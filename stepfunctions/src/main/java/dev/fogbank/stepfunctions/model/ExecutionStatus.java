package dev.fogbank.stepfunctions.model;

/** ExecutionStatus of the API. */
public enum ExecutionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED,
  PENDING_REDRIVE
}
