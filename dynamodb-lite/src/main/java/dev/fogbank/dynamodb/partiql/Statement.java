package dev.fogbank.dynamodb.partiql;

import dev.fogbank.dynamodb.expr.Condition;
import dev.fogbank.dynamodb.expr.Path;
import dev.fogbank.dynamodb.expr.UpdateAction;
import dev.fogbank.dynamodb.item.AttributeValue;
import java.util.List;
import java.util.Map;

/** A PartiQL statement of DynamoDB's dialect, parsed and with its parameters bound. */
public sealed interface Statement {

  String table();

  /**
   * {@code SELECT * | path, … FROM "table"["index"] [WHERE …] [ORDER BY …]}.
   *
   * @param projection the selected paths, or null for {@code *}
   * @param where the WHERE condition, or null
   * @param descending {@code ORDER BY … DESC}
   */
  record Select(String table, String index, List<Path> projection, Condition where, boolean descending)
      implements Statement {}

  /** {@code INSERT INTO "table" VALUE {…}}. */
  record Insert(String table, Map<String, AttributeValue> item) implements Statement {}

  /**
   * {@code UPDATE "table" SET … REMOVE … WHERE … [RETURNING …]}.
   *
   * @param returning {@code ALL_OLD}, {@code MODIFIED_OLD}, {@code ALL_NEW}, {@code MODIFIED_NEW} or null
   */
  record Update(String table, List<UpdateAction> actions, Condition where, String returning) implements Statement {}

  /** {@code DELETE FROM "table" WHERE … [RETURNING ALL OLD *]}. */
  record Delete(String table, Condition where, String returning) implements Statement {}
}
