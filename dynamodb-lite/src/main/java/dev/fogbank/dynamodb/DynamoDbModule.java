package dev.fogbank.dynamodb;

import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import java.util.Map;
import java.util.Set;

/** Amazon DynamoDB over JSON 1.0 ({@code X-Amz-Target: DynamoDB_20120810.<Operation>}). */
public final class DynamoDbModule implements ServiceModule {

  private static final ServiceModel MODEL = ServiceModel.load(DynamoDbModule.class, "dynamodb-2012-08-10");

  private volatile DynamoDbEngine engine;

  @Override
  public String name() {
    return "dynamodb";
  }

  @Override
  public ServiceModel model() {
    return MODEL;
  }

  @Override
  public void start(ServiceContext context) {
    engine = EngineHolder.engine(context);
  }

  public DynamoDbEngine engine() {
    return engine;
  }

  /**
   * Item reads and writes touch one table (a transaction a few) under short per-table locks, so
   * they complete on the event loop; a Scan walks a whole table and control-plane operations
   * may take longer, so those keep a thread of their own.
   */
  private static final Set<String> SHORT =
      Set.of(
          "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem", "BatchWriteItem",
          "TransactGetItems", "TransactWriteItems", "DescribeTable", "ListTables");

  @Override
  public boolean mayBlock(String operation) {
    return !SHORT.contains(operation);
  }

  @Override
  public Map<String, OperationHandler> handlers() {
    return engine.handlers();
  }

  @Override
  public void reset() {
    engine.reset();
  }

  @Override
  public String jsonErrorType(AwsException error) {
    return DynamoDbModule.errorType(error);
  }

  /**
   * DynamoDB qualifies {@code __type} with a namespace: Coral's for validation and framework
   * errors, DynamoDB's own for the service's errors.
   */
  static String errorType(AwsException error) {
    return switch (error.code()) {
      case "ValidationException" -> "com.amazon.coral.validate#ValidationException";
      case "SerializationException", "UnknownOperationException", "InternalFailure", "NotImplemented" ->
          "com.amazon.coral.service#" + error.code();
      default -> "com.amazonaws.dynamodb.v20120810#" + error.code();
    };
  }
}
