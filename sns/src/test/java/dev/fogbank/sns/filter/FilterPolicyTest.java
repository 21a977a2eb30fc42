package dev.fogbank.sns.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.sns.filter.FilterPolicy.AttributeValue;
import dev.fogbank.sns.filter.FilterPolicy.Scope;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Filter policies without HTTP: every operator on attributes and on the body, and SNS's errors for
 * invalid policies. Operator semantics from "Amazon SNS message filtering" (SNS developer guide).
 */
class FilterPolicyTest {

  private static final String PREFIX = "Invalid parameter: FilterPolicy: ";

  private static FilterPolicy attributes(String json) {
    return FilterPolicy.parse(json, Scope.MessageAttributes, "Invalid parameter: ");
  }

  private static FilterPolicy body(String json) {
    return FilterPolicy.parse(json, Scope.MessageBody, "Invalid parameter: ");
  }

  private static Map<String, AttributeValue> s(String name, String value) {
    return Map.of(name, new AttributeValue("String", value));
  }

  private static Map<String, AttributeValue> n(String name, String value) {
    return Map.of(name, new AttributeValue("Number", value));
  }

  private static String error(String json, Scope scope) {
    AwsException e = assertThrows(AwsException.class, () -> FilterPolicy.parse(json, scope, "Invalid parameter: "));
    assertEquals("InvalidParameter", e.code());
    return e.getMessage();
  }

  @Test
  void exactStringAndNumberMatching() {
    FilterPolicy p = attributes("{\"color\":[\"red\",\"blue\"]}");
    assertTrue(p.matchesAttributes(s("color", "red")));
    assertFalse(p.matchesAttributes(s("color", "green")));
    assertFalse(p.matchesAttributes(Map.of()));
    FilterPolicy number = attributes("{\"price\":[100]}");
    assertTrue(number.matchesAttributes(n("price", "100.0")));
    assertFalse(number.matchesAttributes(s("price", "100")));
  }

  @Test
  void prefixSuffixAndEqualsIgnoreCase() {
    assertTrue(attributes("{\"c\":[{\"prefix\":\"ba\"}]}").matchesAttributes(s("c", "bar")));
    assertFalse(attributes("{\"c\":[{\"prefix\":\"ba\"}]}").matchesAttributes(s("c", "abar")));
    assertTrue(attributes("{\"c\":[{\"suffix\":\".png\"}]}").matchesAttributes(s("c", "image.png")));
    assertFalse(attributes("{\"c\":[{\"suffix\":\".png\"}]}").matchesAttributes(s("c", "image.jpg")));
    assertTrue(attributes("{\"c\":[{\"equals-ignore-case\":\"RED\"}]}").matchesAttributes(s("c", "rEd")));
    assertFalse(attributes("{\"c\":[{\"equals-ignore-case\":\"RED\"}]}").matchesAttributes(s("c", "reds")));
  }

  @Test
  void anythingButValuesListsAndPrefix() {
    FilterPolicy list = attributes("{\"c\":[{\"anything-but\":[\"red\",\"blue\"]}]}");
    assertTrue(list.matchesAttributes(s("c", "green")));
    assertFalse(list.matchesAttributes(s("c", "red")));
    // anything-but needs the key to be there.
    assertFalse(list.matchesAttributes(Map.of()));
    assertTrue(attributes("{\"c\":[{\"anything-but\":\"red\"}]}").matchesAttributes(s("c", "blue")));
    assertFalse(attributes("{\"n\":[{\"anything-but\":[100]}]}").matchesAttributes(n("n", "100")));
    assertTrue(attributes("{\"n\":[{\"anything-but\":[100]}]}").matchesAttributes(n("n", "101")));
    FilterPolicy prefix = attributes("{\"c\":[{\"anything-but\":{\"prefix\":\"order-\"}}]}");
    assertTrue(prefix.matchesAttributes(s("c", "invoice-1")));
    assertFalse(prefix.matchesAttributes(s("c", "order-1")));
  }

  @Test
  void numericRanges() {
    FilterPolicy p = attributes("{\"price\":[{\"numeric\":[\">\",0,\"<=\",150]}]}");
    assertTrue(p.matchesAttributes(n("price", "150")));
    assertTrue(p.matchesAttributes(n("price", "0.5")));
    assertFalse(p.matchesAttributes(n("price", "0")));
    assertFalse(p.matchesAttributes(n("price", "151")));
    assertFalse(p.matchesAttributes(s("price", "100")));
    assertTrue(attributes("{\"p\":[{\"numeric\":[\"=\",3.5]}]}").matchesAttributes(n("p", "3.50")));
    assertTrue(attributes("{\"p\":[{\"numeric\":[\"<\",0]}]}").matchesAttributes(n("p", "-1")));
  }

  @Test
  void existsTrueAndFalse() {
    assertTrue(attributes("{\"c\":[{\"exists\":true}]}").matchesAttributes(s("c", "x")));
    assertFalse(attributes("{\"c\":[{\"exists\":true}]}").matchesAttributes(Map.of()));
    assertTrue(attributes("{\"c\":[{\"exists\":false}]}").matchesAttributes(s("other", "x")));
    assertFalse(attributes("{\"c\":[{\"exists\":false}]}").matchesAttributes(s("c", "x")));
  }

  @Test
  void cidrMatchesIpAddresses() {
    FilterPolicy p = attributes("{\"ip\":[{\"cidr\":\"10.0.0.0/24\"}]}");
    assertTrue(p.matchesAttributes(s("ip", "10.0.0.255")));
    assertFalse(p.matchesAttributes(s("ip", "10.0.1.1")));
    assertFalse(p.matchesAttributes(s("ip", "not-an-ip")));
  }

  @Test
  void stringArrayAttributesMatchAnyElement() {
    FilterPolicy p = attributes("{\"tags\":[\"b\"]}");
    assertTrue(p.matchesAttributes(Map.of("tags", new AttributeValue("String.Array", "[\"a\",\"b\"]"))));
    assertFalse(p.matchesAttributes(Map.of("tags", new AttributeValue("String.Array", "[\"a\",\"c\"]"))));
    assertTrue(attributes("{\"n\":[{\"numeric\":[\">\",5]}]}").matchesAttributes(Map.of("n", new AttributeValue("String.Array", "[1,10]"))));
  }

  @Test
  void everyKeyMustMatchAndOrMakesAlternatives() {
    FilterPolicy and = attributes("{\"a\":[\"1\"],\"b\":[\"2\"]}");
    assertTrue(and.matchesAttributes(Map.of("a", new AttributeValue("String", "1"), "b", new AttributeValue("String", "2"))));
    assertFalse(and.matchesAttributes(s("a", "1")));
    FilterPolicy or = attributes("{\"source\":[\"aws.cloudwatch\"],\"$or\":[{\"metric\":[\"cpu\"]},{\"namespace\":[\"AWS/EC2\"]}]}");
    assertTrue(or.matchesAttributes(Map.of("source", new AttributeValue("String", "aws.cloudwatch"), "metric", new AttributeValue("String", "cpu"))));
    assertTrue(or.matchesAttributes(Map.of("source", new AttributeValue("String", "aws.cloudwatch"), "namespace", new AttributeValue("String", "AWS/EC2"))));
    assertFalse(or.matchesAttributes(Map.of("source", new AttributeValue("String", "aws.cloudwatch"), "metric", new AttributeValue("String", "mem"))));
  }

  @Test
  void bodyScopeMatchesNestedKeysAndArrays() {
    FilterPolicy p = body("{\"order\":{\"status\":[\"paid\"],\"total\":[{\"numeric\":[\">=\",10]}]},\"tags\":[{\"prefix\":\"vip\"}]}");
    assertTrue(p.matchesBody("{\"order\":{\"status\":\"paid\",\"total\":12},\"tags\":[\"new\",\"vip-gold\"]}"));
    assertFalse(p.matchesBody("{\"order\":{\"status\":\"paid\",\"total\":9},\"tags\":[\"vip\"]}"));
    assertFalse(p.matchesBody("{\"order\":{\"status\":\"open\",\"total\":12},\"tags\":[\"vip\"]}"));
    assertFalse(p.matchesBody("not json"));
    assertFalse(p.matchesBody("[1,2]"));
    assertTrue(body("{\"items\":{\"sku\":[\"b\"]}}").matchesBody("{\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}"));
    assertTrue(body("{\"flag\":[true],\"none\":[null]}").matchesBody("{\"flag\":true,\"none\":null}"));
    assertTrue(body("{\"missing\":[{\"exists\":false}]}").matchesBody("{\"other\":1}"));
    assertTrue(body("{\"$or\":[{\"a\":[1]},{\"b\":{\"c\":[2]}}]}").matchesBody("{\"b\":{\"c\":2}}"));
  }

  @Test
  void emptyPolicyLetsEverythingThrough() {
    assertNull(attributes("{}"));
    assertNull(attributes(""));
  }

  @Test
  void invalidPoliciesGetSnsMessages() {
    Scope a = Scope.MessageAttributes;
    assertEquals(PREFIX + "failed to parse JSON.", error("{nope", a));
    assertEquals(PREFIX + "Filter policy can not have more than 5 keys", error("{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1],\"f\":[1]}", a));
    assertEquals(PREFIX + "Empty arrays are not allowed", error("{\"a\":[]}", a));
    assertEquals(PREFIX + "\"a\" must be an object or an array", error("{\"a\":\"x\"}", a));
    assertEquals("Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy", error("{\"a\":{\"b\":[1]}}", a));
    assertEquals(PREFIX + "Unrecognized match type wildcard", error("{\"a\":[{\"wildcard\":\"x*\"}]}", a));
    assertEquals(PREFIX + "Only one key allowed in match expression", error("{\"a\":[{\"prefix\":\"x\",\"suffix\":\"y\"}]}", a));
    assertEquals(PREFIX + "prefix match pattern must be a string", error("{\"a\":[{\"prefix\":1}]}", a));
    assertEquals(PREFIX + "exists match pattern must be either true or false.", error("{\"a\":[{\"exists\":\"yes\"}]}", a));
    assertEquals(PREFIX + "Match value must be String, number, true, false, or null", error("{\"a\":[[1]]}", a));
    assertEquals(PREFIX + "Unrecognized numeric range operator: !=", error("{\"a\":[{\"numeric\":[\"!=\",1]}]}", a));
    assertEquals(PREFIX + "Value of > must be numeric", error("{\"a\":[{\"numeric\":[\">\",\"x\"]}]}", a));
    assertEquals(PREFIX + "Bottom must be less than top", error("{\"a\":[{\"numeric\":[\">\",10,\"<\",5]}]}", a));
    assertEquals(PREFIX + "Too many elements in numeric expression", error("{\"a\":[{\"numeric\":[\"<\",10,\"<\",5]}]}", a));
    assertEquals(PREFIX + "Unsupported anything-but pattern: numeric", error("{\"a\":[{\"anything-but\":{\"numeric\":[\">\",1]}}]}", a));
    assertEquals(PREFIX + "Malformed CIDR, one '/' required", error("{\"a\":[{\"cidr\":\"10.0.0.1\"}]}", a));
  }

  @Test
  void combinationsAreLimitedTo150() {
    // 4 keys × 4 values = 256 combinations (the developer guide's example of an overly complex policy).
    StringBuilder sb = new StringBuilder("{");
    for (int k = 0; k < 4; k++) {
      sb.append(k == 0 ? "" : ",").append("\"k").append(k).append("\":[1,2,3,4]");
    }
    sb.append("}");
    assertEquals(PREFIX + "Filter policy is too complex", error(sb.toString(), Scope.MessageAttributes));
    // 3 × 4 × 2 × 3 = 72: the guide's nested example is within the limit.
    body("{\"key_a\":{\"key_b\":{\"key_c\":[\"1\",\"2\",\"3\",\"4\"]}},\"key_d\":{\"key_e\":[\"1\",\"2\",\"3\"]}}");
  }
}
