package dev.fogbank.stepfunctions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.testkit.FogbankExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/** TestState through the AWS SDK for Java v2: one state on one input, with the data-flow stages. */
class SfnTestStateIT {

  private static final String ROLE = "arn:aws:iam::000000000000:role/sfn";

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  /** TestState is modelled with the host prefix {@code sync-}; a local endpoint needs it left out. */
  private final SfnClient sfn = fogbank.client(SfnClient.builder().overrideConfiguration(o -> o.putAdvancedOption(
      SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)));

  private TestStateResponse test(String state, String input, InspectionLevel level) {
    return sfn.testState(b -> b.definition(state.replace('\'', '"')).roleArn(ROLE).input(input).inspectionLevel(level));
  }

  @Test
  void passStateWithDebugInspection() {
    TestStateResponse r = test("""
        {'Type':'Pass','InputPath':'$.data','Parameters':{'v.$':'$.x'},'ResultPath':'$.out','Next':'Later'}
        """, "{\"data\":{\"x\":7}}", InspectionLevel.DEBUG);
    assertEquals(TestExecutionStatus.SUCCEEDED, r.status());
    assertEquals("Later", r.nextState());
    // ResultPath writes into the raw state input, not the InputPath selection (States Language spec)
    assertEquals("{\"data\":{\"x\":7},\"out\":{\"v\":7}}", r.output());
    assertEquals("{\"data\":{\"x\":7}}", r.inspectionData().input());
    assertEquals("{\"x\":7}", r.inspectionData().afterInputPath());
    assertEquals("{\"v\":7}", r.inspectionData().afterParameters());
    assertEquals("{\"v\":7}", r.inspectionData().result());
    assertEquals("{\"data\":{\"x\":7},\"out\":{\"v\":7}}", r.inspectionData().afterResultPath());
  }

  @Test
  void choiceGivesTheChosenNextState() {
    String choice = """
        {'Type':'Choice','Choices':[{'Variable':'$.n','NumericGreaterThan':10,'Next':'Big'}],'Default':'Small'}
        """;
    assertEquals("Big", test(choice, "{\"n\":11}", InspectionLevel.INFO).nextState());
    TestStateResponse small = test(choice, "{\"n\":1}", InspectionLevel.INFO);
    assertEquals("Small", small.nextState());
    assertNull(small.inspectionData());
  }

  @Test
  void failRetryAndCatch() {
    TestStateResponse failed = test("{'Type':'Fail','Error':'Boom','Cause':'bad'}", "{}", InspectionLevel.INFO);
    assertEquals(TestExecutionStatus.FAILED, failed.status());
    assertEquals("Boom", failed.error());
    assertEquals("bad", failed.cause());

    String task = """
        {'Type':'Task','Resource':'arn:aws:states:::aws-sdk:sqs:sendMessage',
         'Parameters':{'QueueUrl':'http://localhost/000000000000/missing','MessageBody':'x'},
         RETRY 'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.err','Next':'Handle'}],'End':true}
        """;
    TestStateResponse caught = test(task.replace("RETRY", ""), "{\"a\":1}", InspectionLevel.INFO);
    assertEquals(TestExecutionStatus.CAUGHT_ERROR, caught.status());
    assertEquals("Handle", caught.nextState());
    // Service errors are named <Service>.<ErrorCode> (Step Functions' AWS SDK integration)
    assertEquals("Sqs.QueueDoesNotExistException", caught.error());
    assertEquals("{\"a\":1,\"err\":{\"Error\":\"Sqs.QueueDoesNotExistException\",\"Cause\":"
        + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(caught.cause()) + "}}", caught.output());

    TestStateResponse retriable = test(task.replace("RETRY", "'Retry':[{'ErrorEquals':['States.ALL']}],"), "{}",
        InspectionLevel.INFO);
    assertEquals(TestExecutionStatus.RETRIABLE, retriable.status());
  }

  @Test
  void badDefinition() {
    assertThrows(InvalidDefinitionException.class, () -> test("{'Next':'X'}", "{}", InspectionLevel.INFO));
    assertThrows(InvalidDefinitionException.class, () -> test("{'Type':'Pass'", "{}", InspectionLevel.INFO));
  }
}
