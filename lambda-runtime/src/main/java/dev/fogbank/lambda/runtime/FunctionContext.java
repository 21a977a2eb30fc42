package dev.fogbank.lambda.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.fogbank.core.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The {@link Context} an in-process Java handler receives, filled as the java runtimes fill it. */
final class FunctionContext implements Context {

  private final Invocation invocation;
  private final Map<String, String> environment;
  private final Clock clock;
  private final StringBuffer log;
  private final ClientContext clientContext;

  FunctionContext(Invocation invocation, Map<String, String> environment, Clock clock, StringBuffer log) {
    this.invocation = invocation;
    this.environment = environment;
    this.clock = clock;
    this.log = log;
    this.clientContext = invocation.clientContext() == null ? null : JavaClientContext.parse(invocation.clientContext());
  }

  @Override
  public String getAwsRequestId() {
    return invocation.requestId();
  }

  @Override
  public String getLogGroupName() {
    return environment.get("AWS_LAMBDA_LOG_GROUP_NAME");
  }

  @Override
  public String getLogStreamName() {
    return environment.get("AWS_LAMBDA_LOG_STREAM_NAME");
  }

  @Override
  public String getFunctionName() {
    return environment.get("AWS_LAMBDA_FUNCTION_NAME");
  }

  @Override
  public String getFunctionVersion() {
    return environment.get("AWS_LAMBDA_FUNCTION_VERSION");
  }

  @Override
  public String getInvokedFunctionArn() {
    return invocation.invokedFunctionArn();
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return clientContext;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, invocation.deadlineMillis() - clock.millis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return Integer.parseInt(environment.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"));
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        log.append(message);
      }

      @Override
      public void log(byte[] message) {
        log.append(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
