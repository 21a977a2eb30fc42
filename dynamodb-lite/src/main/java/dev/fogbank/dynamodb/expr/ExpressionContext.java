package dev.fogbank.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.dynamodb.DynamoDbErrors;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.AttributeValues;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The expressions of one request and their ExpressionAttributeNames and ExpressionAttributeValues.
 * Each expression is parsed, resolved and checked here; {@link #checkUnused} then reports
 * placeholders no expression used, as DynamoDB does for the request as a whole.
 */
public final class ExpressionContext {

  private final Map<String, String> names;
  private final Map<String, AttributeValue> values;
  private final Set<String> usedNames = new LinkedHashSet<>();
  private final Set<String> usedValues = new LinkedHashSet<>();
  private boolean anyExpression;

  private ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
    this.names = names;
    this.values = values;
  }

  public static ExpressionContext empty() {
    return new ExpressionContext(Map.of(), Map.of());
  }

  /** From a request's ExpressionAttributeNames and ExpressionAttributeValues (either may be null). */
  public static ExpressionContext of(JsonNode namesNode, JsonNode valuesNode) {
    Map<String, String> names = new LinkedHashMap<>();
    if (namesNode != null && !namesNode.isNull()) {
      if (namesNode.isEmpty()) {
        throw DynamoDbErrors.validation("ExpressionAttributeNames must not be empty");
      }
      Iterator<Map.Entry<String, JsonNode>> it = namesNode.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!validPlaceholder(e.getKey(), '#')) {
          throw DynamoDbErrors.validation(
              "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + e.getKey() + "\"");
        }
        names.put(e.getKey(), e.getValue().asText());
      }
    }
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    if (valuesNode != null && !valuesNode.isNull()) {
      if (valuesNode.isEmpty()) {
        throw DynamoDbErrors.validation("ExpressionAttributeValues must not be empty");
      }
      Iterator<Map.Entry<String, JsonNode>> it = valuesNode.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!validPlaceholder(e.getKey(), ':')) {
          throw DynamoDbErrors.validation(
              "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + e.getKey() + "\"");
        }
        try {
          values.put(e.getKey(), AttributeValues.value(e.getValue()));
        } catch (dev.fogbank.core.error.AwsException ex) {
          throw DynamoDbErrors.validation(
              "ExpressionAttributeValues contains invalid value: " + ex.getMessage() + " for key " + e.getKey());
        }
      }
    }
    return new ExpressionContext(names, values);
  }

  private static boolean validPlaceholder(String key, char sigil) {
    if (key.length() < 2 || key.charAt(0) != sigil) {
      return false;
    }
    for (int i = 1; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** A ConditionExpression, FilterExpression or KeyConditionExpression; {@code kind} names it in errors. */
  public Condition condition(String kind, String expression) {
    anyExpression = true;
    Condition parsed = new ExpressionParser(kind, expression).condition();
    ExpressionResolver resolver = new ExpressionResolver(kind, this);
    Condition resolved = resolver.condition(parsed, true);
    resolver.throwFirst();
    return resolved;
  }

  public List<UpdateAction> update(String expression) {
    anyExpression = true;
    String kind = "UpdateExpression";
    List<UpdateAction> parsed = new ExpressionParser(kind, expression).update();
    ExpressionResolver resolver = new ExpressionResolver(kind, this);
    List<UpdateAction> resolved = new ArrayList<>();
    for (UpdateAction a : parsed) {
      resolved.add(resolver.action(a));
    }
    resolver.throwFirst();
    resolver.checkOverlaps(resolved.stream().map(UpdateAction::path).toList());
    return resolved;
  }

  public List<Path> projection(String expression) {
    anyExpression = true;
    String kind = "ProjectionExpression";
    List<Path> parsed = new ExpressionParser(kind, expression).projection();
    ExpressionResolver resolver = new ExpressionResolver(kind, this);
    List<Path> resolved = new ArrayList<>();
    for (Path p : parsed) {
      resolved.add(resolver.path(p));
    }
    resolver.throwFirst();
    resolver.checkOverlaps(resolved);
    return resolved;
  }

  /**
   * After every expression of the request: names or values nobody used, or placeholders given
   * without any expression, are errors.
   */
  public void checkUnused() {
    if (!anyExpression) {
      if (!values.isEmpty()) {
        throw DynamoDbErrors.validation("ExpressionAttributeValues can only be specified when using expressions");
      }
      if (!names.isEmpty()) {
        throw DynamoDbErrors.validation("ExpressionAttributeNames can only be specified when using expressions");
      }
      return;
    }
    Set<String> unusedNames = new LinkedHashSet<>(names.keySet());
    unusedNames.removeAll(usedNames);
    Set<String> unusedValues = new LinkedHashSet<>(values.keySet());
    unusedValues.removeAll(usedValues);
    if (!unusedNames.isEmpty()) {
      throw DynamoDbErrors.validation(
          "Value provided in ExpressionAttributeNames unused in expressions: keys: {"
              + String.join(", ", unusedNames)
              + "}");
    }
    if (!unusedValues.isEmpty()) {
      throw DynamoDbErrors.validation(
          "Value provided in ExpressionAttributeValues unused in expressions: keys: {"
              + String.join(", ", unusedValues)
              + "}");
    }
  }

  String name(String placeholder) {
    String n = names.get(placeholder);
    if (n != null) {
      usedNames.add(placeholder);
    }
    return n;
  }

  AttributeValue value(String placeholder) {
    AttributeValue v = values.get(placeholder);
    if (v != null) {
      usedValues.add(placeholder);
    }
    return v;
  }
}
