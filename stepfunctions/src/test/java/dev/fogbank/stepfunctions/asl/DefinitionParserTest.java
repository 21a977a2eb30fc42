package dev.fogbank.stepfunctions.asl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Definition checks with AWS's InvalidDefinition wording, e.g. "Invalid State Machine Definition:
 * 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next,
 * MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2'" as AWS answers it.
 */
class DefinitionParserTest {

  private static String q(String s) {
    return s.replace('\'', '"');
  }

  private static String message(String definition) {
    return assertThrows(DefinitionException.class, () -> DefinitionParser.parse(q(definition))).awsMessage();
  }

  @Test
  void unknownNextAndUnreachableStateAsAwsReportsThem() {
    assertEquals("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at "
        + "/States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at /States/pass2'",
        message("{'StartAt':'pass1','States':{'pass1':{'Type':'Pass','Next':'pass3'},'pass2':{'Type':'Pass','End':true}}}"));
  }

  @Test
  void missingStartAt() {
    assertEquals("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'StartAt' is required but was missing at /'",
        message("{'States':{'A':{'Type':'Pass','End':true}}}"));
  }

  @Test
  void startAtNamingNoState() {
    assertEquals("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /StartAt, "
        + "MISSING_TRANSITION_TARGET: State \"A\" is not reachable. at /States/A'",
        message("{'StartAt':'B','States':{'A':{'Type':'Pass','End':true}}}"));
  }

  @Test
  void stateWithoutEndOrNext() {
    assertEquals("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'Next' is required but was missing at /States/A'",
        message("{'StartAt':'A','States':{'A':{'Type':'Pass'}}}"));
  }

  @Test
  void invalidJsonPath() {
    assertEquals("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The value for the field 'InputPath' must be a valid JSONPath at /States/A/InputPath'",
        message("{'StartAt':'A','States':{'A':{'Type':'Pass','InputPath':'foo','End':true}}}"));
  }

  @Test
  void unknownTypeAndUnsupportedField() {
    assertEquals("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these "
        + "values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/A/Type'",
        message("{'StartAt':'A','States':{'A':{'Type':'Nope','End':true}}}"));
    assertEquals("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'Foo' is not supported by Step Functions at /States/A'",
        message("{'StartAt':'A','States':{'A':{'Type':'Pass','Foo':1,'End':true}}}"));
  }

  @Test
  void loopWithoutTerminalState() {
    assertEquals("Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state'",
        message("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'}}}"));
  }

  @Test
  void nestedBranchesAreChecked() {
    assertEquals("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Z at /States/P/Branches[0]/States/X/Next'",
        message("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'X','States':{'X':{'Type':'Pass','Next':'Z'}}}]}}}"));
  }

  @Test
  void invalidJson() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> DefinitionParser.parse("{nope"));
    assertEquals("INVALID_JSON_DESCRIPTION", e.diagnostics().get(0).code());
  }

  @Test
  void validDefinitionParses() {
    StateGraph g = DefinitionParser.parse(q("{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken','End':true}}}"));
    assertEquals("A", g.startAt());
  }

  @Test
  void integrationPatternsTheServiceDoesNotOffer() {
    // lambda:invoke has no .sync and DynamoDB's item operations no .waitForTaskToken: AWS does not
    // recognize such resources (https://docs.aws.amazon.com/step-functions/latest/dg/integrate-services.html)
    for (String resource : new String[] {"arn:aws:states:::lambda:invoke.sync",
        "arn:aws:states:::dynamodb:putItem.waitForTaskToken", "arn:aws:states:::aws-sdk:s3:getObject.sync"}) {
      assertEquals("Invalid State Machine Definition: 'INVALID_RESOURCE: The resource provided " + resource
          + " is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. "
          + "at /States/T/Resource'", message("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + resource
          + "','End':true}}}"));
    }
    DefinitionParser.parse(q("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
        + "'arn:aws:states:::states:startExecution.sync:2','End':true}}}"));
  }
}
