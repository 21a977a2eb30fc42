package dev.fogbank.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void anEmptyObjectIsWrittenAsJacksonWritesIt() throws Exception {
    assertEquals("{}", new String(Json.bytes(Json.object()), StandardCharsets.UTF_8));
    assertEquals(Json.MAPPER.writeValueAsString(Json.object()), new String(Json.bytes(Json.object()), StandardCharsets.UTF_8));
  }

  @Test
  void otherTreesAreWrittenByJackson() {
    assertEquals("{\"a\":[1,\"x\",{}]}", Json.text(Json.parse("{\"a\": [1, \"x\", {}]}")));
    assertEquals(
        "{\"a\":[1,\"x\",{}]}", new String(Json.bytes(Json.parse("{\"a\": [1, \"x\", {}]}")), StandardCharsets.UTF_8));
  }
}
