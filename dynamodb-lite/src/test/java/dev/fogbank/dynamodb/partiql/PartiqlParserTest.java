package dev.fogbank.dynamodb.partiql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.dynamodb.expr.Condition;
import dev.fogbank.dynamodb.expr.ConditionEvaluator;
import dev.fogbank.dynamodb.expr.Path;
import dev.fogbank.dynamodb.expr.UpdateAction;
import dev.fogbank.dynamodb.item.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DynamoDB's PartiQL dialect parsed into conditions and update actions. */
class PartiqlParserTest {

  @Test
  void selectWithIndexProjectionAndConditions() {
    Statement.Select s = (Statement.Select) PartiqlParser.parse(
        "SELECT a, \"b\".c[1] FROM \"Orders\".\"by-status\" WHERE status = ? AND total BETWEEN 1 AND 10"
            + " AND tag IN ['x', 'y'] AND note IS NOT MISSING ORDER BY total DESC",
        List.of(new AttributeValue.S("OPEN")));
    assertEquals("Orders", s.table());
    assertEquals("by-status", s.index());
    assertEquals(List.of(Path.of("a"), Path.of("b", "c", 1)), s.projection());
    assertTrue(s.descending());
    Map<String, AttributeValue> item = Map.of(
        "status", new AttributeValue.S("OPEN"), "total", AttributeValue.n(5), "tag", new AttributeValue.S("y"),
        "note", new AttributeValue.S(""));
    assertTrue(ConditionEvaluator.test(s.where(), item));
  }

  @Test
  void literalsOfEveryKind() {
    Statement.Insert s = (Statement.Insert) PartiqlParser.parse(
        "INSERT INTO t VALUE {'s': 'it''s', 'n': -1.5e2, 'b': TRUE, 'z': NULL, 'l': [1, 'a'], 'm': {'k': 2}, 'ss': <<'a', 'b'>>, 'ns': <<1, 2>>}",
        List.of());
    assertEquals(new AttributeValue.S("it's"), s.item().get("s"));
    assertEquals(AttributeValue.n("-150"), s.item().get("n"));
    assertEquals(new AttributeValue.Bool(true), s.item().get("b"));
    assertEquals(new AttributeValue.Null(), s.item().get("z"));
    assertEquals(new AttributeValue.L(List.of(AttributeValue.n(1), new AttributeValue.S("a"))), s.item().get("l"));
    assertEquals(new AttributeValue.SS(Set.of("a", "b")), s.item().get("ss"));
    assertInstanceOf(AttributeValue.NS.class, s.item().get("ns"));
  }

  @Test
  void updateActions() {
    Statement.Update u = (Statement.Update) PartiqlParser.parse(
        "UPDATE t SET a = a + 1, l = list_append(l, [2]) SET s = set_delete(s, <<'x'>>) REMOVE gone WHERE pk = 'k' RETURNING MODIFIED NEW *",
        List.of());
    assertEquals(4, u.actions().size());
    assertInstanceOf(UpdateAction.Delete.class, u.actions().get(2));
    assertInstanceOf(UpdateAction.Remove.class, u.actions().get(3));
    assertEquals("MODIFIED_NEW", u.returning());
    assertInstanceOf(Condition.Compare.class, u.where());
  }

  @Test
  void malformedStatementsAndParameterCounts() {
    AwsException e = assertThrows(AwsException.class, () -> PartiqlParser.parse("SELECT * FORM t", List.of()));
    assertEquals("ValidationException", e.code());
    assertTrue(e.getMessage().startsWith("Statement wasn't well formed, can't be processed"), e.getMessage());
    AwsException count = assertThrows(AwsException.class,
        () -> PartiqlParser.parse("SELECT * FROM t WHERE a = ?", List.of()));
    assertEquals("Number of parameters in request and statement don't match.", count.getMessage());
  }
}
