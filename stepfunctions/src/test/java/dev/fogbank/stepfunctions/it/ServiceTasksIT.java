package dev.fogbank.stepfunctions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Optimized integrations (SNS publish, DynamoDB item operations) and AWS SDK integrations against
 * Fogbank's own services, with the result shapes and error names AWS gives them.
 */
class ServiceTasksIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SfnClient sfn = fogbank.client(SfnClient.builder());
  private final SnsClient sns = fogbank.client(SnsClient.builder());
  private final SqsClient sqs = fogbank.client(SqsClient.builder());
  private final DynamoDbClient dynamo = fogbank.client(DynamoDbClient.builder());
  private final Workflows flows = new Workflows(sfn);

  private String table() {
    String name = Workflows.unique("orders");
    dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
    return name;
  }

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void snsPublishDeliversTheMessageAndAnswersItsId() throws Exception {
    String topic = sns.createTopic(b -> b.name(Workflows.unique("events"))).topicArn();
    String queueUrl = sqs.createQueue(b -> b.queueName(Workflows.unique("inbox"))).queueUrl();
    String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
        .attributesAsStrings().get("QueueArn");
    sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn).attributes(Map.of("RawMessageDelivery", "true")));
    DescribeExecutionResponse d = flows.run("""
        {'StartAt':'Notify','States':{'Notify':{'Type':'Task','Resource':'arn:aws:states:::sns:publish',
          'Parameters':{'TopicArn':'TOPIC','Message.$':'$.order','Subject':'order'},'End':true}}}
        """.replace("TOPIC", topic), "{\"order\":{\"id\":\"o-1\",\"total\":12}}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    JsonNode out = json(d.output());
    // sns:publish answers Publish's MessageId with the SDK metadata; a JSON Message is sent as its text
    assertFalse(out.path("MessageId").asText().isEmpty());
    assertEquals(200, out.path("SdkHttpMetadata").path("HttpStatusCode").asInt());
    assertEquals("text/xml", out.path("SdkHttpMetadata").path("HttpHeaders").path("Content-Type").asText());
    List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl)).messages();
    assertEquals(1, received.size());
    assertEquals(json("{\"id\":\"o-1\",\"total\":12}"), json(received.get(0).body()));

    DescribeExecutionResponse missing = flows.run("""
        {'StartAt':'Notify','States':{'Notify':{'Type':'Task','Resource':'arn:aws:states:::sns:publish',
          'Parameters':{'TopicArn':'TOPIC','Message':'hi'},'End':true}}}
        """.replace("TOPIC", topic + "-gone"), "{}");
    assertEquals(ExecutionStatus.FAILED, missing.status());
    // SNS's NotFound code is the v1 SDK's NotFoundException
    assertEquals("SNS.NotFoundException", missing.error());
    assertTrue(missing.cause().contains("(Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: "),
        missing.cause());
  }

  @Test
  void dynamoDbItemOperationsAnswerAwsResultShapes() throws Exception {
    String table = table();
    DescribeExecutionResponse d = flows.run("""
        {'StartAt':'Put','States':{
          'Put':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:putItem',
            'Parameters':{'TableName':'T','Item':{'id':{'S.$':'$.id'},'qty':{'N':'1'}}},'ResultPath':'$.put','Next':'Get'},
          'Get':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:getItem',
            'Parameters':{'TableName':'T','Key':{'id':{'S.$':'$.id'}}},'ResultPath':'$.get','Next':'Update'},
          'Update':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:updateItem',
            'Parameters':{'TableName':'T','Key':{'id':{'S.$':'$.id'}},'UpdateExpression':'SET qty = qty + :n',
              'ExpressionAttributeValues':{':n':{'N':'2'}},'ReturnValues':'ALL_NEW'},'ResultPath':'$.update','Next':'Delete'},
          'Delete':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:deleteItem',
            'Parameters':{'TableName':'T','Key':{'id':{'S.$':'$.id'}},'ReturnValues':'ALL_OLD'},'ResultPath':'$.delete','Next':'Gone'},
          'Gone':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:getItem',
            'Parameters':{'TableName':'T','Key':{'id':{'S.$':'$.id'}}},'ResultPath':'$.gone','End':true}}}
        """.replace("'T'", "'" + table + "'"), "{\"id\":\"o-1\"}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    JsonNode out = json(d.output());
    // Each result is the operation's response with the SDK metadata; PutItem without ReturnValues has no members
    assertEquals(List.of("SdkHttpMetadata", "SdkResponseMetadata"), names(out.get("put")));
    assertEquals("application/x-amz-json-1.0", out.path("put").path("SdkHttpMetadata").path("HttpHeaders").path("Content-Type").asText());
    assertEquals(json("{\"id\":{\"S\":\"o-1\"},\"qty\":{\"N\":\"1\"}}"), out.path("get").get("Item"));
    assertEquals(json("{\"id\":{\"S\":\"o-1\"},\"qty\":{\"N\":\"3\"}}"), out.path("update").get("Attributes"));
    assertEquals(json("{\"id\":{\"S\":\"o-1\"},\"qty\":{\"N\":\"3\"}}"), out.path("delete").get("Attributes"));
    // GetItem of an absent key: no Item member at all
    assertEquals(List.of("SdkHttpMetadata", "SdkResponseMetadata"), names(out.get("gone")));
    assertTrue(dynamo.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("o-1")))).item().isEmpty());
  }

  private static List<String> names(JsonNode n) {
    List<String> names = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void dynamoDbConditionFailureIsCaughtByItsOptimizedName() throws Exception {
    String table = table();
    dynamo.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("taken"))));
    DescribeExecutionResponse d = flows.run("""
        {'StartAt':'Claim','States':{
          'Claim':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:putItem',
            'Parameters':{'TableName':'T','Item':{'id':{'S':'taken'}},'ConditionExpression':'attribute_not_exists(id)'},
            'Catch':[{'ErrorEquals':['DynamoDB.ConditionalCheckFailedException'],'ResultPath':'$.error','Next':'Taken'}],
            'End':true},
          'Taken':{'Type':'Pass','End':true}}}
        """.replace("'T'", "'" + table + "'"), "{}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    JsonNode error = json(d.output()).get("error");
    assertEquals("DynamoDB.ConditionalCheckFailedException", error.get("Error").asText());
    // The cause is the v1 SDK's message for DynamoDB's error
    String cause = error.get("Cause").asText();
    assertTrue(cause.startsWith("The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; "
        + "Error Code: ConditionalCheckFailedException; Request ID: "), cause);
  }

  @Test
  void sdkIntegrationsAnswerBareResponsesAndNameErrorsAfterTheSdkService() throws Exception {
    String table = table();
    DescribeExecutionResponse d = flows.run("""
        {'StartAt':'Put','States':{
          'Put':{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:dynamodb:putItem',
            'Parameters':{'TableName':'T','Item':{'id':{'S':'a'}},'ReturnConsumedCapacity':'TOTAL'},'ResultPath':'$.put','Next':'Again'},
          'Again':{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:dynamodb:putItem',
            'Parameters':{'TableName':'T','Item':{'id':{'S':'a'}},'ConditionExpression':'attribute_not_exists(id)'},
            'Catch':[{'ErrorEquals':['DynamoDb.ConditionalCheckFailedException'],'ResultPath':'$.again','Next':'Topic'}],
            'End':true},
          'Topic':{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:sns:createTopic',
            'Parameters':{'Name':'NAME'},'ResultPath':'$.topic','Next':'Queue'},
          'Queue':{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:sqs:getQueueUrl',
            'Parameters':{'QueueName':'absent-queue'},
            'Catch':[{'ErrorEquals':['Sqs.QueueDoesNotExistException'],'ResultPath':'$.queue','Next':'Done'}],'End':true},
          'Done':{'Type':'Succeed'}}}
        """.replace("'T'", "'" + table + "'").replace("NAME", Workflows.unique("sdk")), "{}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    JsonNode out = json(d.output());
    // aws-sdk results carry the response members only, without the v1 SDK metadata
    assertEquals(json("{\"ConsumedCapacity\":{\"CapacityUnits\":1.0,\"TableName\":\"" + table + "\"}}"), out.get("put"));
    assertEquals("DynamoDb.ConditionalCheckFailedException", out.path("again").path("Error").asText());
    String cause = out.path("again").path("Cause").asText();
    // the v2 SDK's exception message
    assertTrue(cause.startsWith("The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: "), cause);
    assertTrue(out.path("topic").path("TopicArn").asText().startsWith("arn:aws:sns:"), out.toString());
    assertEquals("Sqs.QueueDoesNotExistException", out.path("queue").path("Error").asText());
  }

  @Test
  void sdkS3PutAndGetObjectCarryBodiesAsText() throws Exception {
    S3Client s3 = fogbank.client(S3Client.builder()
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
    String bucket = Workflows.unique("docs");
    s3.createBucket(b -> b.bucket(bucket));
    DescribeExecutionResponse d = flows.run("""
        {'StartAt':'Put','States':{
          'Put':{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:s3:putObject',
            'Parameters':{'Bucket':'B','Key':'order.json','Body.$':'$.order','ContentType':'application/json'},
            'ResultPath':'$.put','Next':'Get'},
          'Get':{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:s3:getObject','Parameters':{'Bucket':'B','Key':'order.json'},
            'ResultSelector':{'order.$':'States.StringToJson($.Body)','type.$':'$.ContentType','etag.$':'$.ETag'},
            'ResultPath':'$.get','Next':'Missing'},
          'Missing':{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:s3:getObject','Parameters':{'Bucket':'B','Key':'absent'},
            'Catch':[{'ErrorEquals':['S3.NoSuchKeyException'],'ResultPath':'$.missing','Next':'Done'}],'End':true},
          'Done':{'Type':'Succeed'}}}
        """.replace("'B'", "'" + bucket + "'"), "{\"order\":{\"id\":7}}");
    assertEquals(ExecutionStatus.SUCCEEDED, d.status(), d.cause());
    JsonNode out = json(d.output());
    assertEquals(json("{\"id\":7}"), out.path("get").get("order"));
    assertEquals("application/json", out.path("get").get("type").asText());
    assertEquals(out.path("put").get("ETag").asText(), out.path("get").get("etag").asText());
    assertEquals("{\"id\":7}", s3.getObjectAsBytes(b -> b.bucket(bucket).key("order.json")).asUtf8String());
    assertEquals("S3.NoSuchKeyException", out.path("missing").get("Error").asText());
    assertTrue(out.path("missing").get("Cause").asText().contains("(Service: S3, Status Code: 404, Request ID: "));

    DescribeExecutionResponse head = flows.run("""
        {'StartAt':'Head','States':{'Head':{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:s3:headObject',
          'Parameters':{'Bucket':'B','Key':'order.json'},'End':true}}}
        """.replace("'B'", "'" + bucket + "'"), "{}");
    assertEquals(ExecutionStatus.FAILED, head.status());
    assertEquals("States.Runtime", head.error());
  }
}
