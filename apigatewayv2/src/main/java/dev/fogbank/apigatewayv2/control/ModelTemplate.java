package dev.fogbank.apigatewayv2.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * GetModelTemplate's mapping template: one that copies an input shaped by the model, member by
 * member from {@code $inputRoot} — strings quoted, numbers and booleans bare, objects nested,
 * arrays walked with {@code #foreach} — as API Gateway generates it for a model.
 */
final class ModelTemplate {

  private ModelTemplate() {}

  static String of(JsonNode schema) {
    StringBuilder out = new StringBuilder("#set($inputRoot = $input.path('$'))\n");
    value(schema, "$inputRoot", "", out, 0);
    out.append('\n');
    return out.toString();
  }

  private static void value(JsonNode schema, String ref, String indent, StringBuilder out, int depth) {
    String type = schema.path("type").asText("object");
    switch (type) {
      case "object" -> {
        out.append("{\n");
        Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> p = it.next();
          out.append(indent).append("  \"").append(p.getKey()).append("\" : ");
          value(p.getValue(), ref + "." + p.getKey(), indent + "  ", out, depth + 1);
          out.append(it.hasNext() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
      }
      case "array" -> {
        String item = "$elem" + depth;
        out.append("[\n").append(indent).append("#foreach(").append(item).append(" in ").append(ref).append(")\n");
        out.append(indent).append("  ");
        value(schema.path("items"), item, indent + "  ", out, depth + 1);
        out.append("#if($foreach.hasNext),#end\n").append(indent).append("#end\n").append(indent).append(']');
      }
      case "string" -> out.append('"').append(ref).append('"');
      default -> out.append(ref);
    }
  }
}
