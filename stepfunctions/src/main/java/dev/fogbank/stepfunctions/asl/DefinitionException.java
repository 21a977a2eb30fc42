package dev.fogbank.stepfunctions.asl;

import java.util.List;
import java.util.stream.Collectors;

/** A definition the States Language rejects, with every diagnostic found. */
public final class DefinitionException extends RuntimeException {

  private final List<Diagnostic> diagnostics;

  public DefinitionException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining(", ")), null, false, false);
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** AWS's InvalidDefinition message: {@code Invalid State Machine Definition: '<diagnostics>'}. */
  public String awsMessage() {
    return "Invalid State Machine Definition: '" + getMessage() + "'";
  }
}
