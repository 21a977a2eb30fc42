package dev.fogbank.lambda.esm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** FilterCriteria patterns, with examples from "Lambda event filtering" (Developer Guide). */
class EventFilterTest {

  private static EventFilter filter(String... patterns) {
    ObjectNode criteria = Json.object();
    for (String p : patterns) {
      criteria.withArray("Filters").addObject().put("Pattern", p);
    }
    return EventFilter.of(criteria);
  }

  private static JsonNode json(String text) throws IOException {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void noCriteriaPassEverything() throws IOException {
    assertTrue(EventFilter.of(null).matches(json("{\"a\":1}")));
  }

  @Test
  void exactValuesMatchStringsNumbersBooleansAndNull() throws IOException {
    EventFilter f = filter("{\"body\":{\"kind\":[\"order\"],\"n\":[5],\"ok\":[true],\"gone\":[null]}}");
    assertTrue(f.matches(json("{\"body\":{\"kind\":\"order\",\"n\":5.0,\"ok\":true,\"gone\":null}}")));
    assertFalse(f.matches(json("{\"body\":{\"kind\":\"order\",\"n\":\"5\",\"ok\":true,\"gone\":null}}")));
    assertFalse(f.matches(json("{\"body\":{\"kind\":\"order\",\"n\":5,\"ok\":true}}")), "a missing field fails");
  }

  @Test
  void matchersPrefixSuffixAnythingButNumericExistsAndIgnoreCase() throws IOException {
    assertTrue(filter("{\"k\":[{\"prefix\":\"ab\"}]}").matches(json("{\"k\":\"abc\"}")));
    assertTrue(filter("{\"k\":[{\"suffix\":\".png\"}]}").matches(json("{\"k\":\"a.png\"}")));
    assertTrue(filter("{\"k\":[{\"equals-ignore-case\":\"ABC\"}]}").matches(json("{\"k\":\"abc\"}")));
    assertTrue(filter("{\"k\":[{\"anything-but\":[\"x\",\"y\"]}]}").matches(json("{\"k\":\"z\"}")));
    assertFalse(filter("{\"k\":[{\"anything-but\":[\"x\",\"y\"]}]}").matches(json("{\"k\":\"x\"}")));
    assertFalse(filter("{\"k\":[{\"anything-but\":{\"prefix\":\"x\"}}]}").matches(json("{\"k\":\"xyz\"}")));
    assertTrue(filter("{\"k\":[{\"numeric\":[\">\",0,\"<=\",5]}]}").matches(json("{\"k\":5}")));
    assertFalse(filter("{\"k\":[{\"numeric\":[\">\",0,\"<=\",5]}]}").matches(json("{\"k\":6}")));
    assertTrue(filter("{\"k\":[{\"exists\":false}]}").matches(json("{\"j\":1}")));
    assertFalse(filter("{\"k\":[{\"exists\":true}]}").matches(json("{\"j\":1}")));
    assertTrue(filter("{\"k\":[{\"wildcard\":\"a*c\"}]}").matches(json("{\"k\":\"abbc\"}")));
  }

  @Test
  void arraysMatchAnyElementAndAnyFilterSuffices() throws IOException {
    assertTrue(filter("{\"tags\":[\"b\"]}").matches(json("{\"tags\":[\"a\",\"b\"]}")));
    EventFilter either = filter("{\"k\":[\"a\"]}", "{\"k\":[\"b\"]}");
    assertTrue(either.matches(json("{\"k\":\"b\"}")));
    assertFalse(either.matches(json("{\"k\":\"c\"}")));
    assertTrue(filter("{\"$or\":[{\"a\":[1]},{\"b\":[2]}]}").matches(json("{\"b\":2}")));
  }

  @Test
  void aPatternThatIsNotAJsonObjectIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> filter("[1]"));
    assertThrows(IllegalArgumentException.class, () -> filter("{nope"));
  }
}
