package dev.fogbank.core.model;

import java.util.List;

/** An operation of a service model with its HTTP binding. */
public record Operation(
    String name,
    String httpMethod,
    String requestUri,
    int responseCode,
    Shape input,
    Shape output,
    String resultWrapper,
    List<Shape> errors) {}
