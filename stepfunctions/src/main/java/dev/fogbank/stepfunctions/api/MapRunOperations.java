package dev.fogbank.stepfunctions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.SfnEngine;
import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.MapRun;
import java.util.Map;

/** Map Runs of Distributed Map states: DescribeMapRun, ListMapRuns, UpdateMapRun. */
public final class MapRunOperations {

  private final SfnEngine engine;

  public MapRunOperations(SfnEngine engine) {
    this.engine = engine;
  }

  public void register(Map<String, OperationHandler> map) {
    map.put("DescribeMapRun", this::describe);
    map.put("ListMapRuns", this::list);
    map.put("UpdateMapRun", this::update);
  }

  private JsonNode describe(RequestContext ctx, ObjectNode in) {
    return engine.mapRun(in.path("mapRunArn").asText()).describe();
  }

  private JsonNode list(RequestContext ctx, ObjectNode in) {
    Execution e = engine.execution(ctx.account(), ctx.region(), in.path("executionArn").asText());
    Pages.Page<MapRun> page = Pages.page(engine.mapRuns(ctx.account(), ctx.region(), e.arn()), in, "mapRuns:" + e.arn());
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("mapRuns");
    page.items().forEach(m -> arr.add(m.listItem()));
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  private JsonNode update(RequestContext ctx, ObjectNode in) {
    MapRun m = engine.mapRun(in.path("mapRunArn").asText());
    m.update(in.has("maxConcurrency") ? in.get("maxConcurrency").asInt() : null,
        in.has("toleratedFailureCount") ? in.get("toleratedFailureCount").asLong() : null,
        in.has("toleratedFailurePercentage") ? in.get("toleratedFailurePercentage").asDouble() : null);
    return null;
  }
}
