package dev.fogbank.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.model.ServiceModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coral's validation messages against the real DynamoDB model. Expected texts are DynamoDB's own
 * (as recorded against AWS in dynalite's validation tests).
 */
class InputValidatorTest {

  private static final ServiceModel DDB = ServiceModel.load(InputValidatorTest.class, "dynamodb-2012-08-10");

  private static String summary(String operation, String input) {
    List<Violation> v = InputValidator.validate(DDB.operation(operation).input(), Json.parse(input));
    return v.isEmpty() ? null : InputValidator.summary(v);
  }

  @Test
  void missingRequiredMembersInModelOrder() {
    assertEquals(
        "2 validation errors detected: "
            + "Value null at 'tableName' failed to satisfy constraint: Member must not be null; "
            + "Value null at 'key' failed to satisfy constraint: Member must not be null",
        summary("GetItem", "{}"));
  }

  @Test
  void enumViolationListsTheAllowedValues() {
    assertEquals(
        "1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' failed to satisfy constraint: "
            + "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]",
        summary("GetItem", "{\"TableName\":\"t\",\"Key\":{},\"ReturnConsumedCapacity\":\"ALL\"}"));
  }

  @Test
  void listItemsAreAddressedAsNameDotIndexDotMember() {
    String s =
        summary(
            "CreateTable",
            "{\"TableName\":\"t\",\"AttributeDefinitions\":[],\"KeySchema\":[{\"KeyType\":\"HASH\"}]}");
    assertTrue(
        s.contains(
            "Value null at 'keySchema.1.member.attributeName' failed to satisfy constraint: Member must not be null"),
        s);
  }

  @Test
  void rangeViolationQuotesTheValue() {
    String s =
        summary(
            "CreateTable",
            "{\"TableName\":\"t\",\"AttributeDefinitions\":[],\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}],"
                + "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":0,\"WriteCapacityUnits\":1}}");
    assertEquals(
        "1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy "
            + "constraint: Member must have value greater than or equal to 1",
        s);
  }

  @Test
  void lengthViolation() {
    String s =
        summary(
            "CreateTable",
            "{\"TableName\":\"t\",\"AttributeDefinitions\":[],\"KeySchema\":[]}");
    assertEquals(
        "1 validation error detected: Value '[]' at 'keySchema' failed to satisfy constraint: "
            + "Member must have length greater than or equal to 1",
        s);
  }

  @Test
  void validInputHasNoViolations() {
    assertEquals(null, summary("GetItem", "{\"TableName\":\"Music\",\"Key\":{\"id\":{\"S\":\"1\"}}}"));
  }
}
