package dev.fogbank.stepfunctions.asl.path;

import com.fasterxml.jackson.databind.JsonNode;

/** What a path can address: the state's input ({@code $}), the context object ({@code $$}), variables. */
public interface Scope {

  JsonNode input();

  JsonNode context();

  /** The variable's value, or null when no variable of that name is in scope. */
  JsonNode variable(String name);
}
