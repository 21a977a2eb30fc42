package dev.fogbank.apigatewayv2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateIntegrationResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateRouteResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetStageResponse;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/** The v2 control plane through the SDK's ApiGatewayV2Client: resources, defaults and errors. */
class ApiGatewayV2ControlPlaneIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final ApiGatewayV2Client apigw = fogbank.client(ApiGatewayV2Client.builder());

  @Test
  void httpApiWithRoutesIntegrationsAndAnAutoDeployedStage() {
    CreateApiResponse api =
        apigw.createApi(r -> r.name("items").protocolType(ProtocolType.HTTP).tags(Map.of("team", "a")).description("d"));
    assertEquals(10, api.apiId().length());
    // HTTP APIs always select routes by method and path (AWS API reference, CreateApi).
    assertEquals("${request.method} ${request.path}", api.routeSelectionExpression());
    assertEquals("$request.header.x-api-key", api.apiKeySelectionExpression());
    assertNotNull(api.createdDate());
    assertTrue(api.apiEndpoint().contains(api.apiId() + ".execute-api.localhost"), api.apiEndpoint());
    assertEquals(Map.of("team", "a"), apigw.getApi(r -> r.apiId(api.apiId())).tags());

    CreateIntegrationResponse integration =
        apigw.createIntegration(r -> r.apiId(api.apiId()).integrationType(IntegrationType.HTTP_PROXY).integrationMethod("GET").integrationUri("http://example.com/{proxy}"));
    assertEquals("1.0", integration.payloadFormatVersion());
    assertEquals(30000, integration.timeoutInMillis());
    CreateRouteResponse route =
        apigw.createRoute(r -> r.apiId(api.apiId()).routeKey("GET /items/{id}").target("integrations/" + integration.integrationId()));
    assertEquals(AuthorizationType.NONE, route.authorizationType());
    assertEquals("integrations/" + integration.integrationId(), route.target());
    assertEquals(1, apigw.getRoutes(r -> r.apiId(api.apiId())).items().size());

    apigw.createStage(r -> r.apiId(api.apiId()).stageName("$default").autoDeploy(true));
    GetStageResponse stage = apigw.getStage(r -> r.apiId(api.apiId()).stageName("$default"));
    assertNotNull(stage.deploymentId(), "AutoDeploy deploys at once");
    apigw.createRoute(r -> r.apiId(api.apiId()).routeKey("POST /items").target("integrations/" + integration.integrationId()));
    GetStageResponse redeployed = apigw.getStage(r -> r.apiId(api.apiId()).stageName("$default"));
    assertFalse(stage.deploymentId().equals(redeployed.deploymentId()), "a change redeploys an AutoDeploy stage");
    assertTrue(apigw.getDeployments(r -> r.apiId(api.apiId())).items().stream().allMatch(d -> d.autoDeployed()));

    apigw.updateRoute(r -> r.apiId(api.apiId()).routeId(route.routeId()).routeKey("GET /things/{id}"));
    assertEquals("GET /things/{id}", apigw.getRoute(r -> r.apiId(api.apiId()).routeId(route.routeId())).routeKey());
    apigw.deleteRoute(r -> r.apiId(api.apiId()).routeId(route.routeId()));
    assertEquals(1, apigw.getRoutes(r -> r.apiId(api.apiId())).items().size());
    apigw.deleteApi(r -> r.apiId(api.apiId()));
    assertThrows(NotFoundException.class, () -> apigw.getApi(r -> r.apiId(api.apiId())));
  }

  @Test
  void quickCreateMakesARouteAnIntegrationAndTheDefaultStage() {
    CreateApiResponse api =
        apigw.createApi(r -> r.name("quick").protocolType(ProtocolType.HTTP).target("arn:aws:lambda:us-east-1:000000000000:function:f"));
    assertEquals("$default", apigw.getRoutes(r -> r.apiId(api.apiId())).items().get(0).routeKey());
    var integration = apigw.getIntegrations(r -> r.apiId(api.apiId())).items().get(0);
    assertEquals(IntegrationType.AWS_PROXY, integration.integrationType());
    assertEquals("2.0", integration.payloadFormatVersion());
    var stage = apigw.getStages(r -> r.apiId(api.apiId())).items().get(0);
    assertEquals("$default", stage.stageName());
    assertTrue(stage.autoDeploy());
    assertTrue(stage.apiGatewayManaged());
    // UpdateApi's Target and RouteKey change what quick create made.
    apigw.updateApi(r -> r.apiId(api.apiId()).target("http://example.com/").routeKey("GET /moved"));
    assertEquals("GET /moved", apigw.getRoutes(r -> r.apiId(api.apiId())).items().get(0).routeKey());
    var updated = apigw.getIntegrations(r -> r.apiId(api.apiId())).items().get(0);
    assertEquals(IntegrationType.HTTP_PROXY, updated.integrationType());
    assertEquals("http://example.com/", updated.integrationUri());
    String plain = apigw.createApi(r -> r.name("plain").protocolType(ProtocolType.HTTP)).apiId();
    assertThrows(BadRequestException.class, () -> apigw.updateApi(r -> r.apiId(plain).target("http://example.com/")));
  }

  @Test
  void webSocketApiWithRouteResponsesAndStages() {
    CreateApiResponse api =
        apigw.createApi(r -> r.name("chat").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action"));
    assertTrue(api.apiEndpoint().startsWith("ws://"), api.apiEndpoint());
    var integration = apigw.createIntegration(r -> r.apiId(api.apiId()).integrationType(IntegrationType.MOCK));
    assertEquals(29000, integration.timeoutInMillis());
    var route =
        apigw.createRoute(r -> r.apiId(api.apiId()).routeKey("ping").target("integrations/" + integration.integrationId()).routeResponseSelectionExpression("$default"));
    var rr = apigw.createRouteResponse(r -> r.apiId(api.apiId()).routeId(route.routeId()).routeResponseKey("$default"));
    assertEquals("$default", apigw.getRouteResponse(r -> r.apiId(api.apiId()).routeId(route.routeId()).routeResponseId(rr.routeResponseId())).routeResponseKey());
    var ir =
        apigw.createIntegrationResponse(
            r -> r.apiId(api.apiId()).integrationId(integration.integrationId()).integrationResponseKey("$default").responseTemplates(Map.of("$default", "pong")));
    assertEquals(1, apigw.getIntegrationResponses(r -> r.apiId(api.apiId()).integrationId(integration.integrationId())).items().size());
    assertEquals(ir.integrationResponseId(), apigw.getIntegrationResponses(r -> r.apiId(api.apiId()).integrationId(integration.integrationId())).items().get(0).integrationResponseId());
    // $default stages are for HTTP APIs only.
    assertThrows(BadRequestException.class, () -> apigw.createStage(r -> r.apiId(api.apiId()).stageName("$default")));
    var deployment = apigw.createDeployment(r -> r.apiId(api.apiId()));
    apigw.createStage(r -> r.apiId(api.apiId()).stageName("prod").deploymentId(deployment.deploymentId()));
    assertEquals(deployment.deploymentId(), apigw.getStage(r -> r.apiId(api.apiId()).stageName("prod")).deploymentId());
  }

  @Test
  void badInputGetsApiGatewaysErrors() {
    // Missing the API answers NotFoundException with "Invalid API identifier specified <account>:<id>".
    NotFoundException missing = assertThrows(NotFoundException.class, () -> apigw.getApi(r -> r.apiId("abcdefghij")));
    assertEquals(404, missing.statusCode());
    assertTrue(missing.getMessage().startsWith("Invalid API identifier specified 000000000000:abcdefghij"), missing.getMessage());
    BadRequestException noName = assertThrows(BadRequestException.class, () -> apigw.createApi(r -> r.protocolType(ProtocolType.HTTP)));
    assertEquals(400, noName.statusCode());
    assertThrows(BadRequestException.class, () -> apigw.createApi(r -> r.name("ws").protocolType(ProtocolType.WEBSOCKET)));
    String apiId = apigw.createApi(r -> r.name("e").protocolType(ProtocolType.HTTP)).apiId();
    assertThrows(BadRequestException.class, () -> apigw.createRoute(r -> r.apiId(apiId).routeKey("FETCH items")));
    // SDK-created Lambda integrations of HTTP APIs must name their payload format version.
    assertThrows(
        BadRequestException.class,
        () -> apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY).integrationUri("arn:aws:lambda:us-east-1:000000000000:function:f")));
    assertThrows(BadRequestException.class, () -> apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /a").target("integrations/nope123")));
    apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /a"));
    assertEquals(409, assertThrows(ConflictException.class, () -> apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /a"))).statusCode());
    apigw.createStage(r -> r.apiId(apiId).stageName("dev"));
    assertThrows(ConflictException.class, () -> apigw.createStage(r -> r.apiId(apiId).stageName("dev")));
    assertThrows(BadRequestException.class, () -> apigw.createStage(r -> r.apiId(apiId).stageName("v").stageVariables(Map.of("bad-name", "x"))));
    assertThrows(BadRequestException.class, () -> apigw.createStage(r -> r.apiId(apiId).stageName("v").stageVariables(Map.of("ok", "<script>"))));
    apigw.createStage(r -> r.apiId(apiId).stageName("v").stageVariables(Map.of("url", "http://example.com/a?b=c")));
    assertThrows(NotFoundException.class, () -> apigw.getRoute(r -> r.apiId(apiId).routeId("zzzzzzz")));
    assertThrows(NotFoundException.class, () -> apigw.getStage(r -> r.apiId(apiId).stageName("nope")));
    assertThrows(BadRequestException.class, () -> apigw.createAuthorizer(r -> r.apiId(apiId).name("j").authorizerType(AuthorizerType.JWT).identitySource("$request.header.Authorization")));
  }

  @Test
  void tagsByArn() {
    String apiId = apigw.createApi(r -> r.name("t").protocolType(ProtocolType.HTTP)).apiId();
    String arn = "arn:aws:apigateway:us-east-1::/apis/" + apiId;
    apigw.tagResource(r -> r.resourceArn(arn).tags(Map.of("a", "1", "b", "2")));
    apigw.untagResource(r -> r.resourceArn(arn).tagKeys("a"));
    assertEquals(Map.of("b", "2"), apigw.getTags(r -> r.resourceArn(arn)).tags());
  }

  @Test
  void domainNamesApiMappingsVpcLinksAndModelsAreRecorded() {
    String apiId = apigw.createApi(r -> r.name("d").protocolType(ProtocolType.HTTP)).apiId();
    apigw.createStage(r -> r.apiId(apiId).stageName("live"));
    var domain =
        apigw.createDomainName(
            r -> r.domainName("api.example.com").domainNameConfigurations(c -> c.certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/abc")));
    assertEquals("$request.basepath", domain.apiMappingSelectionExpression());
    assertEquals("AVAILABLE", domain.domainNameConfigurations().get(0).domainNameStatusAsString());
    assertTrue(domain.domainNameConfigurations().get(0).apiGatewayDomainName().endsWith(".execute-api.us-east-1.amazonaws.com"));
    assertThrows(ConflictException.class, () -> apigw.createDomainName(r -> r.domainName("api.example.com")));
    var mapping = apigw.createApiMapping(r -> r.domainName("api.example.com").apiId(apiId).stage("live").apiMappingKey("v1"));
    assertEquals("v1", apigw.getApiMapping(r -> r.domainName("api.example.com").apiMappingId(mapping.apiMappingId())).apiMappingKey());
    assertThrows(BadRequestException.class, () -> apigw.createApiMapping(r -> r.domainName("api.example.com").apiId(apiId).stage("nope")));
    apigw.deleteDomainName(r -> r.domainName("api.example.com"));
    assertThrows(NotFoundException.class, () -> apigw.getDomainName(r -> r.domainName("api.example.com")));

    var link = apigw.createVpcLink(r -> r.name("link").subnetIds("subnet-1"));
    assertEquals("AVAILABLE", link.vpcLinkStatusAsString());
    assertEquals("V2", link.vpcLinkVersionAsString());
    assertEquals("link", apigw.getVpcLink(r -> r.vpcLinkId(link.vpcLinkId())).name());
    apigw.deleteVpcLink(r -> r.vpcLinkId(link.vpcLinkId()));
    assertThrows(NotFoundException.class, () -> apigw.getVpcLink(r -> r.vpcLinkId(link.vpcLinkId())));

    String wsId = apigw.createApi(r -> r.name("m").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
    var model = apigw.createModel(r -> r.apiId(wsId).name("Message").schema("{\"type\":\"object\"}"));
    assertEquals("application/json", model.contentType());
    assertEquals(1, apigw.getModels(r -> r.apiId(wsId)).items().size());
    String template = apigw.getModelTemplate(r -> r.apiId(wsId).modelId(model.modelId())).value();
    assertTrue(template.startsWith("#set($inputRoot = $input.path('$'))"), template);
    assertThrows(BadRequestException.class, () -> apigw.createModel(r -> r.apiId(wsId).name("Bad").schema("not json")));
  }

  @Test
  void listsArePagedByMaxResultsAndNextToken() {
    String apiId = apigw.createApi(r -> r.name("paged").protocolType(ProtocolType.HTTP)).apiId();
    for (int i = 0; i < 5; i++) {
      int n = i;
      apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /r" + n));
    }
    var first = apigw.getRoutes(r -> r.apiId(apiId).maxResults("2"));
    assertEquals(2, first.items().size());
    assertNotNull(first.nextToken());
    java.util.Set<String> keys = new java.util.HashSet<>();
    String token = null;
    do {
      String t = token;
      var page = apigw.getRoutes(r -> r.apiId(apiId).maxResults("2").nextToken(t));
      page.items().forEach(route -> keys.add(route.routeKey()));
      token = page.nextToken();
    } while (token != null);
    assertEquals(5, keys.size());
    assertEquals(5, apigw.getRoutes(r -> r.apiId(apiId)).items().size());
    assertThrows(BadRequestException.class, () -> apigw.getRoutes(r -> r.apiId(apiId).nextToken("!!")));
    assertThrows(BadRequestException.class, () -> apigw.getRoutes(r -> r.apiId(apiId).maxResults("0")));
  }

  @Test
  void importPrependsOrSplitsTheServersBasePathOnRequest() {
    String definition =
        """
        {"openapi": "3.0.1", "info": {"title": "based", "version": "1"},
         "servers": [{"url": "https://example.com/{basePath}", "variables": {"basePath": {"default": "v1/shop"}}}],
         "paths": {"/items": {"get": {"x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "GET", "uri": "http://example.com/items"}}}}}
        """;
    String ignored = apigw.importApi(r -> r.body(definition)).apiId();
    assertEquals("GET /items", apigw.getRoutes(r -> r.apiId(ignored)).items().get(0).routeKey());
    String prepended = apigw.importApi(r -> r.body(definition).basepath("prepend")).apiId();
    assertEquals("GET /v1/shop/items", apigw.getRoutes(r -> r.apiId(prepended)).items().get(0).routeKey());
    String split = apigw.importApi(r -> r.body(definition).basepath("split")).apiId();
    assertEquals("GET /shop/items", apigw.getRoutes(r -> r.apiId(split)).items().get(0).routeKey());
    assertThrows(BadRequestException.class, () -> apigw.importApi(r -> r.body(definition).basepath("sideways")));
    // failOnWarnings turns what API Gateway would only warn about into a BadRequestException.
    String noIntegration = definition.replace("\"x-amazon-apigateway-integration\"", "\"x-other\"");
    assertEquals(1, apigw.importApi(r -> r.body(noIntegration)).warnings().size());
    assertThrows(BadRequestException.class, () -> apigw.importApi(r -> r.body(noIntegration).failOnWarnings(true)));
  }
}
