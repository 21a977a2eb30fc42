package dev.fogbank.stepfunctions.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The syntax tree of an intrinsic function call such as {@code States.Format('{}', $.name)}. */
public sealed interface Intrinsic {

  /** Resolves the path arguments of a call: {@code $.x} (input), {@code $$.x} (context), {@code $var}. */
  @FunctionalInterface
  interface Paths {
    JsonNode resolve(String path);
  }

  record Call(String name, List<Intrinsic> args) implements Intrinsic {}

  record Literal(JsonNode value) implements Intrinsic {}

  record Path(String path) implements Intrinsic {}
}
