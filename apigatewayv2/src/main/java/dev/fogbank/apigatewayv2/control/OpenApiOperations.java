package dev.fogbank.apigatewayv2.control;

import dev.fogbank.apigatewayv2.api.ApiStore;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.time.Clock;
import java.util.Map;

/** ImportApi, ReimportApi and ExportApi for HTTP APIs (OpenAPI 3.0 with the API Gateway extensions). */
public final class OpenApiOperations {

  private final ApiStore store;
  private final Clock clock;
  private final Tags tags;

  public OpenApiOperations(ApiStore store, Clock clock, Tags tags) {
    this.store = store;
    this.clock = clock;
    this.tags = tags;
  }

  public void register(Map<String, OperationHandler> handlers) {}
}
