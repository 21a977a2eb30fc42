package dev.fogbank.apigw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fogbank.testkit.FogbankExtension;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/** Stage access logs delivered to CloudWatch Logs, one line per request in the stage's format. */
class ApiGatewayAccessLogIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  @Test
  void accessLogLinesArriveInTheLogGroup() {
    ApiGatewayClient apigw = fogbank.client(ApiGatewayClient.builder());
    CloudWatchLogsClient logs = fogbank.client(CloudWatchLogsClient.builder());
    logs.createLogGroup(r -> r.logGroupName("apigw-access"));
    String api = apigw.createRestApi(r -> r.name("logged")).id();
    String root = apigw.getResources(r -> r.restApiId(api)).items().get(0).id();
    apigw.putMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    apigw.putIntegrationResponse(r -> r.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
    apigw.createDeployment(r -> r.restApiId(api).stageName("prod"));
    apigw.updateStage(r -> r.restApiId(api).stageName("prod").patchOperations(
        p -> p.op(Op.REPLACE).path("/accessLogSettings/destinationArn").value("arn:aws:logs:us-east-1:000000000000:log-group:apigw-access"),
        p -> p.op(Op.REPLACE).path("/accessLogSettings/format").value("$context.requestId $context.httpMethod $context.resourcePath $context.status")));

    HttpResponse<String> ok = Http.get(Http.invokeUrl(fogbank.endpoint(), api, "prod", "/"));
    HttpResponse<String> missing = Http.get(Http.invokeUrl(fogbank.endpoint(), api, "prod", "/nothing"));
    assertEquals(403, missing.statusCode());

    // the stream API Gateway writes to: {apiId}_{stage}
    List<OutputLogEvent> events = logs.getLogEvents(r -> r.logGroupName("apigw-access").logStreamName(api + "_prod").startFromHead(true)).events();
    assertEquals(2, events.size());
    assertEquals(ok.headers().firstValue("x-amzn-RequestId").orElseThrow() + " GET / 200", events.get(0).message());
    assertEquals(missing.headers().firstValue("x-amzn-RequestId").orElseThrow() + " GET /nothing 403", events.get(1).message());
  }
}
