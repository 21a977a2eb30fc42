package dev.fogbank.apigatewayv2.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fogbank.core.protocol.Json;
import org.junit.jupiter.api.Test;

/** GetModelTemplate's template: each member of the model copied from $inputRoot. */
class ModelTemplateTest {

  @Test
  void copiesEachMemberByType() {
    String schema =
        """
        {"type": "object", "properties": {
          "name": {"type": "string"}, "age": {"type": "integer"},
          "tags": {"type": "array", "items": {"type": "string"}}}}
        """;
    assertEquals(
        """
        #set($inputRoot = $input.path('$'))
        {
          "name" : "$inputRoot.name",
          "age" : $inputRoot.age,
          "tags" : [
          #foreach($elem1 in $inputRoot.tags)
            "$elem1"#if($foreach.hasNext),#end
          #end
          ]
        }
        """,
        ModelTemplate.of(Json.parse(schema)));
  }
}
