package dev.fogbank.apigw.invoke;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.protocol.Json;
import org.junit.jupiter.api.Test;

/** JSON Schema draft 4 as API Gateway models use it. */
class SchemaCheckTest {

  private final SchemaCheck pet = new SchemaCheck(Json.parse(
      "{\"type\":\"object\",\"required\":[\"name\"],\"additionalProperties\":false,"
          + "\"properties\":{\"name\":{\"type\":\"string\",\"minLength\":1,\"pattern\":\"^[a-z]+$\"},"
          + "\"age\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":30},"
          + "\"tags\":{\"type\":\"array\",\"maxItems\":2,\"items\":{\"$ref\":\"#/definitions/tag\"}}},"
          + "\"definitions\":{\"tag\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}}}"));

  @Test
  void acceptsValidDocuments() {
    assertTrue(pet.valid(Json.parse("{\"name\":\"rex\",\"age\":3,\"tags\":[\"a\",\"b\"]}")));
  }

  @Test
  void rejectsEachBrokenRule() {
    assertFalse(pet.valid(Json.parse("{}")));
    assertFalse(pet.valid(Json.parse("{\"name\":\"\"}")));
    assertFalse(pet.valid(Json.parse("{\"name\":\"Rex\"}")));
    assertFalse(pet.valid(Json.parse("{\"name\":\"rex\",\"age\":31}")));
    assertFalse(pet.valid(Json.parse("{\"name\":\"rex\",\"age\":1.5}")));
    assertFalse(pet.valid(Json.parse("{\"name\":\"rex\",\"tags\":[\"c\"]}")));
    assertFalse(pet.valid(Json.parse("{\"name\":\"rex\",\"tags\":[\"a\",\"a\",\"a\"]}")));
    assertFalse(pet.valid(Json.parse("{\"name\":\"rex\",\"color\":\"red\"}")));
    assertFalse(pet.valid(Json.parse("[]")));
  }
}
