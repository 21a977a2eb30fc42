package dev.fogbank.dynamodb.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attribute values, numbers, sizes and key order, as DynamoDB defines them. */
class AttributeValuesTest {

  private static String error(String json) {
    return assertThrows(AwsException.class, () -> AttributeValues.value(Json.parse(json))).getMessage();
  }

  @Test
  void numbersKeep38DigitsAndRejectMore() {
    // Developer Guide, "Data types": up to 38 digits of precision, 1E-130 to 9.9999999999999999999999999999999999999E+125
    assertEquals("12345678901234567890123456789012345678", Numbers.format(Numbers.parse("12345678901234567890123456789012345678")));
    assertEquals(
        "Attempting to store more than 38 significant digits in a Number",
        error("{\"N\": \"123456789012345678901234567890123456789\"}"));
    assertEquals(
        "Number overflow. Attempting to store a number with magnitude larger than supported range",
        error("{\"N\": \"1E126\"}"));
    assertEquals(
        "Number underflow. Attempting to store a number with magnitude smaller than supported range",
        error("{\"N\": \"1E-131\"}"));
    assertEquals("The parameter cannot be converted to a numeric value: abc", error("{\"N\": \"abc\"}"));
    assertEquals("1.5", Numbers.format(Numbers.parse("1.50")));
    assertEquals("100", Numbers.format(Numbers.parse("1E2")));
  }

  @Test
  void valuesMustHaveExactlyOneTypeAndNoEmptyOrDuplicatedSets() {
    assertEquals(
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes", error("{}"));
    assertEquals(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
        error("{\"S\": \"a\", \"N\": \"1\"}"));
    assertEquals("One or more parameter values were invalid: An string set  may not be empty", error("{\"SS\": []}"));
    assertEquals(
        "One or more parameter values were invalid: Input collection [a, a] contains duplicates.",
        error("{\"SS\": [\"a\", \"a\"]}"));
  }

  @Test
  void roundTripsEveryType() {
    String json =
        "{\"s\":{\"S\":\"x\"},\"n\":{\"N\":\"-1.25\"},\"b\":{\"B\":\"AQID\"},\"ss\":{\"SS\":[\"a\",\"b\"]},"
            + "\"ns\":{\"NS\":[\"1\",\"2\"]},\"bs\":{\"BS\":[\"AQ==\"]},\"m\":{\"M\":{\"k\":{\"BOOL\":false}}},"
            + "\"l\":{\"L\":[{\"NULL\":true}]}}";
    assertEquals(Json.parse(json), AttributeValues.json(AttributeValues.item(Json.parse(json))));
  }

  @Test
  void keyOrderIsUtf8BytesUnsignedBytesAndNumericValue() {
    List<AttributeValue> strings =
        new ArrayList<>(List.of(new AttributeValue.S("é"), new AttributeValue.S("z"), new AttributeValue.S("Z"), new AttributeValue.S("\uD83D\uDE00")));
    strings.sort(KeyOrder.INSTANCE);
    // UTF-8: "Z" 0x5A < "z" 0x7A < "é" 0xC3A9 < U+1F600 0xF09F…
    assertEquals(List.of("Z", "z", "é", "\uD83D\uDE00"), strings.stream().map(v -> ((AttributeValue.S) v).value()).toList());
    List<AttributeValue> numbers = new ArrayList<>(List.of(AttributeValue.n("10"), AttributeValue.n("-2"), AttributeValue.n("9.5")));
    numbers.sort(KeyOrder.INSTANCE);
    assertEquals(List.of(AttributeValue.n("-2"), AttributeValue.n("9.5"), AttributeValue.n("10")), numbers);
    Bytes high = Bytes.of(new byte[] {(byte) 0xFF});
    Bytes low = Bytes.of(new byte[] {0x01, 0x02});
    assertTrue(high.compareTo(low) > 0, "binary compares as unsigned bytes");
  }

  @Test
  void itemSizeCountsNamesAndValues() {
    // Developer Guide, "Item sizes and formats": name + value bytes; number ~ 1 byte per 2 digits + 1
    assertEquals(2 + 3, ItemSize.of(AttributeValues.item(Json.parse("{\"id\": {\"S\": \"abc\"}}"))));
    assertEquals(1 + 4, ItemSize.of(AttributeValues.item(Json.parse("{\"n\": {\"N\": \"12345\"}}"))));
    assertEquals(1 + 3 + 1 + 1, ItemSize.of(AttributeValues.item(Json.parse("{\"l\": {\"L\": [{\"BOOL\": true}]}}"))));
  }
}
