package dev.fogbank.stepfunctions.asl;

/**
 * A problem of a definition, as ValidateStateMachineDefinition lists it and InvalidDefinition
 * joins them: {@code MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /States/A/Next}.
 */
public record Diagnostic(String code, String message, String location) {

  @Override
  public String toString() {
    return code + ": " + message + (location == null ? "" : " at " + location);
  }
}
