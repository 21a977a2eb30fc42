package dev.fogbank.apigw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.GetResourcesResponse;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;

/** The REST API control plane through the SDK: resources, methods, integrations, deployments, stages. */
class ApiGatewayControlPlaneIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private final ApiGatewayClient apigw = fogbank.client(ApiGatewayClient.builder());

  private String rootOf(String apiId) {
    return apigw.getResources(r -> r.restApiId(apiId)).items().stream().filter(r -> r.path().equals("/")).findFirst().orElseThrow().id();
  }

  @Test
  void restApiIsCreatedWithRootResourceAndDefaults() {
    CreateRestApiResponse api = apigw.createRestApi(r -> r.name("pets").description("pet store"));
    assertEquals(10, api.id().length());
    assertEquals("pets", api.name());
    assertNotNull(api.createdDate());
    // AWS defaults: HEADER key source and an EDGE endpoint
    assertEquals("HEADER", api.apiKeySourceAsString());
    assertEquals("EDGE", api.endpointConfiguration().typesAsStrings().get(0));
    assertEquals(api.rootResourceId(), rootOf(api.id()));
    assertEquals("pet store", apigw.getRestApi(r -> r.restApiId(api.id())).description());
    assertTrue(apigw.getRestApis(r -> {}).items().stream().anyMatch(a -> a.id().equals(api.id())));

    apigw.updateRestApi(r -> r.restApiId(api.id()).patchOperations(
        p -> p.op(Op.REPLACE).path("/name").value("pets2"),
        p -> p.op(Op.ADD).path("/binaryMediaTypes/image~1png")));
    var updated = apigw.getRestApi(r -> r.restApiId(api.id()));
    assertEquals("pets2", updated.name());
    assertEquals(List.of("image/png"), updated.binaryMediaTypes());

    apigw.deleteRestApi(r -> r.restApiId(api.id()));
    NotFoundException e = assertThrows(NotFoundException.class, () -> apigw.getRestApi(r -> r.restApiId(api.id())));
    // API Gateway's message names the account and the id
    assertEquals("Invalid API identifier specified 000000000000:" + api.id(), e.awsErrorDetails().errorMessage());
    assertEquals(404, e.statusCode());
  }

  @Test
  void resourcesNestWithVariablesAndGreedyProxy() {
    String api = apigw.createRestApi(r -> r.name("tree")).id();
    String root = rootOf(api);
    var pets = apigw.createResource(r -> r.restApiId(api).parentId(root).pathPart("pets"));
    var petId = apigw.createResource(r -> r.restApiId(api).parentId(pets.id()).pathPart("{petId}"));
    var proxy = apigw.createResource(r -> r.restApiId(api).parentId(root).pathPart("{proxy+}"));
    assertEquals("/pets/{petId}", petId.path());
    assertEquals("/{proxy+}", proxy.path());

    ConflictException dup = assertThrows(ConflictException.class,
        () -> apigw.createResource(r -> r.restApiId(api).parentId(root).pathPart("pets")));
    assertEquals("Another resource with the same parent already has this name: pets", dup.awsErrorDetails().errorMessage());
    BadRequestException greedyChild = assertThrows(BadRequestException.class,
        () -> apigw.createResource(r -> r.restApiId(api).parentId(proxy.id()).pathPart("x")));
    assertEquals("Cannot create a child of a resource with a greedy path variable: {proxy+}", greedyChild.awsErrorDetails().errorMessage());
    assertThrows(NotFoundException.class, () -> apigw.getResource(r -> r.restApiId(api).resourceId("nope42")));

    GetResourcesResponse page = apigw.getResources(r -> r.restApiId(api).limit(2));
    assertEquals(2, page.items().size());
    assertNotNull(page.position());
    GetResourcesResponse rest = apigw.getResources(r -> r.restApiId(api).limit(2).position(page.position()));
    assertEquals(2, rest.items().size());
    assertNull(rest.position());

    apigw.updateResource(r -> r.restApiId(api).resourceId(pets.id()).patchOperations(p -> p.op(Op.REPLACE).path("/pathPart").value("animals")));
    assertEquals("/animals/{petId}", apigw.getResource(r -> r.restApiId(api).resourceId(petId.id())).path());

    apigw.deleteResource(r -> r.restApiId(api).resourceId(pets.id()));
    assertThrows(NotFoundException.class, () -> apigw.getResource(r -> r.restApiId(api).resourceId(petId.id())));
  }

  @Test
  void methodsHoldResponsesIntegrationAndIntegrationResponses() {
    String api = apigw.createRestApi(r -> r.name("methods")).id();
    String root = rootOf(api);
    apigw.putMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE")
        .requestParameters(Map.of("method.request.querystring.q", true)));
    ConflictException again = assertThrows(ConflictException.class,
        () -> apigw.putMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE")));
    assertEquals("Method already exists for this resource", again.awsErrorDetails().errorMessage());

    apigw.putMethodResponse(r -> r.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200")
        .responseParameters(Map.of("method.response.header.X-Id", false)));
    apigw.putIntegration(r -> r.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    apigw.putIntegrationResponse(r -> r.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json", "{\"ok\": true}")));

    GetMethodResponse m = apigw.getMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET"));
    assertEquals("NONE", m.authorizationType());
    assertFalse(m.apiKeyRequired());
    assertEquals(Boolean.TRUE, m.requestParameters().get("method.request.querystring.q"));
    assertEquals("200", m.methodResponses().get("200").statusCode());
    assertEquals(IntegrationType.MOCK, m.methodIntegration().type());
    // API Gateway's defaults for an integration
    assertEquals("WHEN_NO_MATCH", m.methodIntegration().passthroughBehavior());
    assertEquals(29000, m.methodIntegration().timeoutInMillis());
    assertEquals("{\"ok\": true}", m.methodIntegration().integrationResponses().get("200").responseTemplates().get("application/json"));

    apigw.updateMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET")
        .patchOperations(p -> p.op(Op.REPLACE).path("/apiKeyRequired").value("true")));
    assertTrue(apigw.getMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET")).apiKeyRequired());
    apigw.updateIntegration(r -> r.restApiId(api).resourceId(root).httpMethod("GET")
        .patchOperations(p -> p.op(Op.REPLACE).path("/timeoutInMillis").value("1000")));
    assertEquals(1000, apigw.getIntegration(r -> r.restApiId(api).resourceId(root).httpMethod("GET")).timeoutInMillis());

    BadRequestException timeout = assertThrows(BadRequestException.class,
        () -> apigw.updateIntegration(r -> r.restApiId(api).resourceId(root).httpMethod("GET")
            .patchOperations(p -> p.op(Op.REPLACE).path("/timeoutInMillis").value("30000"))));
    assertEquals("Timeout should be between 50 ms and 29000 ms", timeout.awsErrorDetails().errorMessage());

    BadRequestException noUri = assertThrows(BadRequestException.class,
        () -> apigw.putIntegration(r -> r.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.HTTP)));
    assertEquals(400, noUri.statusCode());

    apigw.deleteIntegrationResponse(r -> r.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
    NotFoundException gone = assertThrows(NotFoundException.class,
        () -> apigw.getIntegrationResponse(r -> r.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200")));
    assertEquals("Invalid Response status code specified", gone.awsErrorDetails().errorMessage());
    apigw.deleteMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET"));
    NotFoundException noMethod = assertThrows(NotFoundException.class,
        () -> apigw.getMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET")));
    assertEquals("Invalid Method identifier specified", noMethod.awsErrorDetails().errorMessage());
  }

  @Test
  void deploymentsAndStagesWithVariablesAndMethodSettings() {
    String api = apigw.createRestApi(r -> r.name("stages")).id();
    String root = rootOf(api);
    BadRequestException empty = assertThrows(BadRequestException.class, () -> apigw.createDeployment(r -> r.restApiId(api)));
    assertEquals("The REST API doesn't contain any methods", empty.awsErrorDetails().errorMessage());
    apigw.putMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
    BadRequestException noIntegration = assertThrows(BadRequestException.class, () -> apigw.createDeployment(r -> r.restApiId(api)));
    assertEquals("No integration defined for method", noIntegration.awsErrorDetails().errorMessage());
    apigw.putIntegration(r -> r.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK));

    String dep = apigw.createDeployment(r -> r.restApiId(api).stageName("dev").variables(Map.of("fn", "one"))).id();
    GetStageResponse dev = apigw.getStage(r -> r.restApiId(api).stageName("dev"));
    assertEquals(dep, dev.deploymentId());
    assertEquals(Map.of("fn", "one"), dev.variables());
    assertFalse(dev.cacheClusterEnabled());

    apigw.createStage(r -> r.restApiId(api).stageName("prod").deploymentId(dep).variables(Map.of("fn", "two")));
    ConflictException exists = assertThrows(ConflictException.class,
        () -> apigw.createStage(r -> r.restApiId(api).stageName("prod").deploymentId(dep)));
    assertEquals("Stage already exists", exists.awsErrorDetails().errorMessage());
    assertEquals(List.of("dev", "prod"),
        apigw.getStages(r -> r.restApiId(api)).item().stream().map(s -> s.stageName()).collect(Collectors.toList()));

    var updated = apigw.updateStage(r -> r.restApiId(api).stageName("prod").patchOperations(
        p -> p.op(Op.REPLACE).path("/variables/fn").value("three"),
        p -> p.op(Op.REPLACE).path("/*/*/throttling/rateLimit").value("5"),
        p -> p.op(Op.REPLACE).path("/*/*/throttling/burstLimit").value("2"),
        p -> p.op(Op.REPLACE).path("/cacheClusterEnabled").value("true")));
    assertEquals("three", updated.variables().get("fn"));
    assertEquals(5.0, updated.methodSettings().get("*/*").throttlingRateLimit());
    assertEquals(2, updated.methodSettings().get("*/*").throttlingBurstLimit());
    assertTrue(updated.cacheClusterEnabled());
    assertEquals("AVAILABLE", updated.cacheClusterStatusAsString());

    BadRequestException active = assertThrows(BadRequestException.class,
        () -> apigw.deleteDeployment(r -> r.restApiId(api).deploymentId(dep)));
    assertEquals("Active stages pointing to this deployment must be moved or deleted", active.awsErrorDetails().errorMessage());
    apigw.deleteStage(r -> r.restApiId(api).stageName("prod"));
    NotFoundException noStage = assertThrows(NotFoundException.class, () -> apigw.getStage(r -> r.restApiId(api).stageName("prod")));
    assertEquals("Invalid Stage identifier specified", noStage.awsErrorDetails().errorMessage());
    assertEquals(1, apigw.getDeployments(r -> r.restApiId(api)).items().size());
  }

  @Test
  void tagsOnApisAndStages() {
    String api = apigw.createRestApi(r -> r.name("tagged").tags(Map.of("team", "a"))).id();
    String arn = "arn:aws:apigateway:us-east-1::/restapis/" + api;
    apigw.tagResource(r -> r.resourceArn(arn).tags(Map.of("env", "test")));
    assertEquals(Map.of("team", "a", "env", "test"), apigw.getTags(r -> r.resourceArn(arn)).tags());
    apigw.untagResource(r -> r.resourceArn(arn).tagKeys("team"));
    assertEquals(Map.of("env", "test"), apigw.getRestApi(r -> r.restApiId(api)).tags());
  }

  @Test
  void domainNamesAndBasePathMappingsAreRecorded() {
    String api = apigw.createRestApi(r -> r.name("domains")).id();
    String root = rootOf(api);
    apigw.putMethod(r -> r.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK));
    apigw.createDeployment(r -> r.restApiId(api).stageName("prod"));
    String domain = "api-" + api + ".example.com";
    var created = apigw.createDomainName(r -> r.domainName(domain).certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/x"));
    assertEquals("AVAILABLE", created.domainNameStatusAsString());
    assertTrue(created.distributionDomainName().endsWith(".cloudfront.net"));
    ConflictException twice = assertThrows(ConflictException.class, () -> apigw.createDomainName(r -> r.domainName(domain)));
    assertEquals("The domain name you provided already exists.", twice.awsErrorDetails().errorMessage());
    apigw.createBasePathMapping(r -> r.domainName(domain).restApiId(api).stage("prod"));
    assertEquals("(none)", apigw.getBasePathMappings(r -> r.domainName(domain)).items().get(0).basePath());
    assertThrows(BadRequestException.class, () -> apigw.createBasePathMapping(r -> r.domainName(domain).basePath("v2").restApiId("nope").stage("prod")));
    apigw.deleteDomainName(r -> r.domainName(domain));
    NotFoundException gone = assertThrows(NotFoundException.class, () -> apigw.getDomainName(r -> r.domainName(domain)));
    assertEquals("Invalid domain name identifier specified", gone.awsErrorDetails().errorMessage());
  }

  @Test
  void accountReportsTheDefaultThrottle() {
    var account = apigw.getAccount(r -> {});
    // API Gateway's account-level default: 10,000 requests per second, burst 5,000
    assertEquals(10000.0, account.throttleSettings().rateLimit());
    assertEquals(5000, account.throttleSettings().burstLimit());
  }
}
