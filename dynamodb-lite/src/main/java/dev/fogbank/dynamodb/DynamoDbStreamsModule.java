package dev.fogbank.dynamodb;

import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import java.util.Map;

/**
 * Amazon DynamoDB Streams over JSON 1.0 ({@code X-Amz-Target: DynamoDBStreams_20120810.<Operation>}),
 * served from the DynamoDB engine's stream records.
 */
public final class DynamoDbStreamsModule implements ServiceModule {

  private static final ServiceModel MODEL = ServiceModel.load(DynamoDbStreamsModule.class, "streams.dynamodb-2012-08-10");

  private volatile DynamoDbEngine engine;

  @Override
  public String name() {
    return "dynamodbstreams";
  }

  @Override
  public ServiceModel model() {
    return MODEL;
  }

  @Override
  public void start(ServiceContext context) {
    engine = EngineHolder.engine(context);
  }

  @Override
  public Map<String, OperationHandler> handlers() {
    return engine.streamHandlers();
  }

  @Override
  public void reset() {
    engine.reset();
  }

  @Override
  public String jsonErrorType(AwsException error) {
    return DynamoDbModule.errorType(error);
  }
}
