package dev.fogbank.apigw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;

/** AWS integrations to services other than Lambda: SQS SendMessage by path, DynamoDB PutItem by action. */
class ApiGatewayServiceIntegrationIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiGatewayClient apigw = fogbank.client(ApiGatewayClient.builder());

  private String api(String name, String verb, String uri, Map<String, String> params, String template) {
    String api = apigw.createRestApi(r -> r.name(name)).id();
    String root = apigw.getResources(r -> r.restApiId(api)).items().get(0).id();
    apigw.putMethod(r -> r.restApiId(api).resourceId(root).httpMethod(verb).authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(api).resourceId(root).httpMethod(verb).type(IntegrationType.AWS)
        .integrationHttpMethod("POST").uri(uri).requestParameters(params)
        .requestTemplates(Map.of("application/json", template)).passthroughBehavior("NEVER"));
    apigw.putIntegrationResponse(r -> r.restApiId(api).resourceId(root).httpMethod(verb).statusCode("200"));
    apigw.putIntegrationResponse(r -> r.restApiId(api).resourceId(root).httpMethod(verb).statusCode("400").selectionPattern("4\\d{2}"));
    apigw.createDeployment(r -> r.restApiId(api).stageName("prod"));
    return api;
  }

  @Test
  void sqsSendMessageByQueuePath() throws Exception {
    SqsClient sqs = fogbank.client(SqsClient.builder());
    String queueUrl = sqs.createQueue(r -> r.queueName("orders")).queueUrl();
    String api = api("to-sqs", "POST", "arn:aws:apigateway:us-east-1:sqs:path/000000000000/orders",
        Map.of("integration.request.header.Content-Type", "'application/x-www-form-urlencoded'"),
        "Action=SendMessage&MessageBody=$util.urlEncode($input.body)");
    HttpResponse<String> r = Http.send("POST", Http.invokeUrl(fogbank.endpoint(), api, "prod", "/"),
        Map.of("Content-Type", "application/json"), "{\"order\":42}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(32, JSON.readTree(r.body()).path("MD5OfMessageBody").asText().length());
    assertEquals("{\"order\":42}", sqs.receiveMessage(m -> m.queueUrl(queueUrl)).messages().get(0).body());
    // a content type without a template under passthrough NEVER: 415
    assertEquals(415, Http.send("POST", Http.invokeUrl(fogbank.endpoint(), api, "prod", "/"), Map.of("Content-Type", "text/plain"), "x").statusCode());
  }

  @Test
  void dynamoDbPutItemByAction() throws Exception {
    DynamoDbClient ddb = fogbank.client(DynamoDbClient.builder());
    ddb.createTable(t -> t.tableName("pets").keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
        .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST));
    String api = api("to-ddb", "PUT", "arn:aws:apigateway:us-east-1:dynamodb:action/PutItem", Map.of(),
        "{\"TableName\": \"$input.path('$.table')\", \"Item\": {\"id\": {\"S\": \"$input.path('$.id')\"}, \"name\": {\"S\": \"$input.path('$.name')\"}}}");
    HttpResponse<String> r = Http.send("PUT", Http.invokeUrl(fogbank.endpoint(), api, "prod", "/"),
        Map.of("Content-Type", "application/json"), "{\"table\":\"pets\",\"id\":\"p1\",\"name\":\"rex\"}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("rex", ddb.getItem(g -> g.tableName("pets").key(Map.of("id", AttributeValue.fromS("p1")))).item().get("name").s());
    // an AWS error comes back with its status for the integration responses to select on
    HttpResponse<String> missing = Http.send("PUT", Http.invokeUrl(fogbank.endpoint(), api, "prod", "/"),
        Map.of("Content-Type", "application/json"), "{\"table\":\"no-such-table\",\"id\":\"p2\"}");
    assertEquals(400, missing.statusCode(), missing.body());
    assertEquals("ResourceNotFoundException", JSON.readTree(missing.body()).path("__type").asText());
  }
}
