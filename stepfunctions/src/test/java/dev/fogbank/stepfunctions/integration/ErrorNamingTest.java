package dev.fogbank.stepfunctions.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.stepfunctions.asl.StatesError;
import org.junit.jupiter.api.Test;

/** The names and causes service errors get in a state's error output. */
class ErrorNamingTest {

  @Test
  void optimizedLambdaErrorsKeepModeledNamesAndFoldOthersIntoTheBaseException() {
    // Invoke declares ServiceException and TooManyRequestsException in the Lambda model
    assertEquals("Lambda.ServiceException",
        ErrorNaming.optimized("lambda", new AwsException("ServiceException", "boom", 500)).error());
    assertEquals("Lambda.TooManyRequestsException",
        ErrorNaming.optimized("lambda", new AwsException("TooManyRequestsException", "Rate exceeded", 429)).error());
    // a code the v1 SDK has no class for surfaces as AWSLambdaException
    // (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html)
    StatesError unmodeled = ErrorNaming.optimized("lambda", new AwsException("InternalFailure", "we failed", 500));
    assertEquals("Lambda.AWSLambdaException", unmodeled.error());
    assertTrue(unmodeled.cause().startsWith("we failed (Service: AWSLambda; Status Code: 500; Error Code: InternalFailure; "
        + "Request ID: "), unmodeled.cause());
  }

  @Test
  void sqsQueryCodesAndSdkServiceNames() {
    AwsException missing = new AwsException("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
        "The specified queue does not exist.", 400, true);
    StatesError optimized = ErrorNaming.optimized("sqs", missing);
    assertEquals("SQS.QueueDoesNotExistException", optimized.error());
    assertTrue(optimized.cause().contains("(Service: AmazonSQS; Status Code: 400; Error Code: "
        + "AWS.SimpleQueueService.NonExistentQueue; "), optimized.cause());
    StatesError sdk = ErrorNaming.sdk("sqs", missing);
    assertEquals("Sqs.QueueDoesNotExistException", sdk.error());
    assertTrue(sdk.cause().startsWith("The specified queue does not exist. (Service: Sqs, Status Code: 400, Request ID: "));
    // S3's codes lack the suffix the SDK's exception classes carry
    assertEquals("S3.NoSuchKeyException", ErrorNaming.sdk("s3", new AwsException("NoSuchKey", "gone", 404)).error());
  }
}
