package dev.fogbank.dynamodb.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.AttributeValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditions, projections and update expressions, parsed, resolved and evaluated without HTTP. */
class ExpressionsTest {

  private static final Map<String, AttributeValue> ITEM =
      AttributeValues.item(
          Json.parse(
              """
              {"id": {"S": "a1"}, "price": {"N": "25"}, "name": {"S": "widget"},
               "tags": {"SS": ["red", "blue"]}, "scores": {"L": [{"N": "1"}, {"N": "2"}, {"N": "3"}]},
               "info": {"M": {"color": {"S": "red"}, "dims": {"M": {"w": {"N": "4"}}}}},
               "bin": {"B": "AAEC"}, "flag": {"BOOL": true}, "nothing": {"NULL": true}}
              """));

  private static ExpressionContext context(String names, String values) {
    return ExpressionContext.of(names == null ? null : Json.parse(names), values == null ? null : Json.parse(values));
  }

  private static boolean test(String expression, String names, String values) {
    ExpressionContext ctx = context(names, values);
    Condition c = ctx.condition("ConditionExpression", expression);
    ctx.checkUnused();
    return ConditionEvaluator.test(c, ITEM);
  }

  private static boolean test(String expression, String values) {
    return test(expression, null, values);
  }

  private static String error(Runnable r) {
    return assertThrows(AwsException.class, r::run).getMessage();
  }

  @Test
  void comparatorsFollowDynamoDbTypeRules() {
    assertTrue(test("price = :p", "{\":p\": {\"N\": \"25.0\"}}"));
    assertTrue(test("price <> :p", "{\":p\": {\"S\": \"25\"}}"));
    assertTrue(test("price < :p", "{\":p\": {\"N\": \"100\"}}"));
    assertTrue(test("price >= :p", "{\":p\": {\"N\": \"25\"}}"));
    assertFalse(test("price > :p", "{\":p\": {\"S\": \"1\"}}"), "ordering across types is false");
    assertTrue(test("#n > :p", "{\"#n\": \"name\"}", "{\":p\": {\"S\": \"apple\"}}"));
    assertFalse(test("absent = :p", "{\":p\": {\"N\": \"1\"}}"));
    assertTrue(test("absent <> :p", "{\":p\": {\"N\": \"1\"}}"));
  }

  @Test
  void betweenInAndBooleanLogic() {
    assertTrue(test("price BETWEEN :lo AND :hi", "{\":lo\": {\"N\": \"10\"}, \":hi\": {\"N\": \"25\"}}"));
    assertTrue(test("price IN (:a, :b)", "{\":a\": {\"N\": \"1\"}, \":b\": {\"N\": \"25\"}}"));
    assertTrue(test("NOT price = :a OR price = :b", "{\":a\": {\"N\": \"25\"}, \":b\": {\"N\": \"25\"}}"));
    assertFalse(
        test("price = :a AND (price = :b OR price = :c)", "{\":a\": {\"N\": \"25\"}, \":b\": {\"N\": \"1\"}, \":c\": {\"N\": \"2\"}}"));
    assertTrue(test("(price) = :a", "{\":a\": {\"N\": \"25\"}}"));
  }

  @Test
  void functionsAndNestedPaths() {
    assertTrue(test("attribute_exists(info.dims.w) AND attribute_not_exists(info.thickness)", null));
    assertTrue(test("attribute_type(tags, :t)", "{\":t\": {\"S\": \"SS\"}}"));
    assertTrue(test("begins_with(#n, :p)", "{\"#n\": \"name\"}", "{\":p\": {\"S\": \"wid\"}}"));
    assertTrue(test("begins_with(bin, :p)", "{\":p\": {\"B\": \"AAE=\"}}"));
    assertTrue(test("contains(tags, :t) AND contains(#n, :s)", "{\"#n\": \"name\"}", "{\":t\": {\"S\": \"red\"}, \":s\": {\"S\": \"dg\"}}"));
    assertTrue(test("contains(scores, :v)", "{\":v\": {\"N\": \"2\"}}"));
    assertTrue(test("size(scores) = :three AND size(tags) < :three", "{\":three\": {\"N\": \"3\"}}"));
    assertTrue(test("scores[1] = :two AND info.color = :red", "{\":two\": {\"N\": \"2\"}, \":red\": {\"S\": \"red\"}}"));
    assertFalse(test("scores[7] = :two", "{\":two\": {\"N\": \"2\"}}"));
  }

  @Test
  void reservedWordsUndefinedAndUnusedPlaceholdersAreRejectedWithDynamoDbsWording() {
    // AWS: reserved words may not appear as attribute names (Developer Guide, "Reserved words")
    assertEquals(
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name",
        error(() -> test("name = :v", "{\":v\": {\"S\": \"x\"}}")));
    assertEquals(
        "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x",
        error(() -> test("price = :x", null)));
    assertEquals(
        "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #p",
        error(() -> test("#p = :x", "{\":x\": {\"N\": \"1\"}}")));
    assertEquals(
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}",
        error(() -> test("price = :p", "{\":p\": {\"N\": \"1\"}, \":x\": {\"N\": \"1\"}}")));
    assertEquals(
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}",
        error(() -> test("price = :p", "{\"#u\": \"x\"}", "{\":p\": {\"N\": \"1\"}}")));
  }

  @Test
  void syntaxAndFunctionErrors() {
    assertEquals(
        "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"",
        error(() -> context(null, null).condition("ConditionExpression", "price =")));
    assertEquals(
        "Invalid ConditionExpression: The expression can not be empty;",
        error(() -> context(null, null).condition("ConditionExpression", "  ")));
    assertEquals(
        "Invalid ConditionExpression: Invalid function name; function: foo",
        error(() -> context(null, null).condition("ConditionExpression", "foo(price)")));
    assertEquals(
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2",
        error(() -> context(null, null).condition("ConditionExpression", "attribute_exists(price, id)")));
    assertEquals(
        "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size",
        error(() -> context(null, null).condition("ConditionExpression", "size(price)")));
    assertEquals(
        "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [price]",
        error(() -> context(null, null).condition("ConditionExpression", "price = price")));
    assertEquals(
        "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}",
        error(() -> context(null, "{\":a\": {\"N\": \"5\"}, \":b\": {\"N\": \"1\"}}")
            .condition("ConditionExpression", "price BETWEEN :a AND :b")));
  }

  @Test
  void projectionPicksNestedPathsAndRejectsOverlaps() {
    ExpressionContext ctx = context("{\"#i\": \"info\"}", null);
    List<Path> paths = ctx.projection("id, #i.color, scores[2]");
    Map<String, AttributeValue> projected = Documents.project(ITEM, paths);
    assertEquals(
        Json.parse(
            "{\"id\": {\"S\": \"a1\"}, \"info\": {\"M\": {\"color\": {\"S\": \"red\"}}}, \"scores\": {\"L\": [{\"N\": \"3\"}]}}"),
        AttributeValues.json(projected));
    assertEquals(
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [info], path two: [info, color]",
        error(() -> context("{\"#i\": \"info\"}", null).projection("#i, #i.color")));
  }

  private static Map<String, AttributeValue> update(String expression, String names, String values) {
    ExpressionContext ctx = context(names, values);
    List<UpdateAction> actions = ctx.update(expression);
    ctx.checkUnused();
    return Updater.apply(actions, ITEM);
  }

  @Test
  void updateExpressionsSetRemoveAddDelete() {
    Map<String, AttributeValue> out =
        update(
            "SET price = price + :inc, info.dims.h = :h, scores[5] = :last, nick = if_not_exists(nick, :n), "
                + "scores2 = list_append(scores, :more) REMOVE flag, scores[0] ADD hits :inc, tags :blue",
            null,
            "{\":inc\": {\"N\": \"5\"}, \":h\": {\"N\": \"2\"}, \":last\": {\"N\": \"9\"}, \":n\": {\"S\": \"w\"},"
                + " \":more\": {\"L\": [{\"N\": \"4\"}]}, \":blue\": {\"SS\": [\"blue\", \"green\"]}}");
    assertEquals(new AttributeValue.N(new java.math.BigDecimal("30")), out.get("price"));
    assertEquals(AttributeValue.n(2), Documents.get(out, Path.of("info", "dims", "h")));
    // scores[5] appends (index past the end); REMOVE scores[0] then drops the first element
    assertEquals(new AttributeValue.L(List.of(AttributeValue.n(2), AttributeValue.n(3), AttributeValue.n(9))), out.get("scores"));
    assertEquals(new AttributeValue.S("w"), out.get("nick"));
    assertEquals(4, ((AttributeValue.L) out.get("scores2")).values().size());
    assertFalse(out.containsKey("flag"));
    assertEquals(AttributeValue.n(5), out.get("hits"));
    assertEquals(new AttributeValue.SS(java.util.Set.of("red", "blue", "green")), out.get("tags"));
    Map<String, AttributeValue> deleted = update("DELETE tags :red", null, "{\":red\": {\"SS\": [\"red\", \"pink\"]}}");
    assertEquals(new AttributeValue.SS(java.util.Set.of("blue")), deleted.get("tags"));
    Map<String, AttributeValue> emptied = update("DELETE tags :all", null, "{\":all\": {\"SS\": [\"red\", \"blue\"]}}");
    assertFalse(emptied.containsKey("tags"), "a set emptied by DELETE is removed");
  }

  @Test
  void updateExpressionErrors() {
    assertEquals(
        "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;",
        error(() -> update("SET a = :v SET b = :v", null, "{\":v\": {\"N\": \"1\"}}")));
    assertEquals(
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [info], path two: [info, color]",
        error(() -> update("SET info = :v REMOVE info.color", null, "{\":v\": {\"N\": \"1\"}}")));
    assertEquals(
        "Invalid UpdateExpression: Syntax error; token: \"=\", near: \"SET = :v\"",
        error(() -> update("SET = :v", null, "{\":v\": {\"N\": \"1\"}}")));
    // real DynamoDB answers for "ADD hits : incr" (aws/aws-cdk#7591)
    assertEquals(
        "Invalid UpdateExpression: Syntax error; token: \":\", near: \"hits : incr\"",
        error(() -> update("ADD hits : incr", null, null)));
    assertEquals(
        "Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"",
        error(() -> update("INVALID SYNTAX HERE", null, null)));
    assertEquals(
        "An operand in the update expression has an incorrect data type",
        error(() -> update("SET #n = #n + :v", "{\"#n\": \"name\"}", "{\":v\": {\"N\": \"1\"}}")));
    assertEquals(
        "The document path provided in the update expression is invalid for update",
        error(() -> update("SET nope.deeper = :v", null, "{\":v\": {\"N\": \"1\"}}")));
  }
}
