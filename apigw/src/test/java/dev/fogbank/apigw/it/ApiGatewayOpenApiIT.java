package dev.fogbank.apigw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.GetExportResponse;
import software.amazon.awssdk.services.apigateway.model.PutMode;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * OpenAPI 3 and Swagger 2 with API Gateway's extensions: import, deploy to two stages whose
 * stage variable names two functions, call over HTTP, export, and re-import the export to the
 * same API.
 */
class ApiGatewayOpenApiIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  private static ApiGatewayClient apigw;
  private static String fnOne;
  private static String fnTwo;

  static final String OPENAPI =
      """
      openapi: "3.0.1"
      info:
        title: petstore
        version: "1.0"
      x-amazon-apigateway-binary-media-types: ["image/png"]
      x-amazon-apigateway-request-validators:
        body-only:
          validateRequestBody: true
          validateRequestParameters: false
      x-amazon-apigateway-gateway-responses:
        MISSING_AUTHENTICATION_TOKEN:
          statusCode: 404
          responseTemplates:
            application/json: '{"error": "no such route"}'
      paths:
        /pets:
          get:
            responses:
              "200":
                description: ok
            x-amazon-apigateway-integration:
              type: mock
              requestTemplates:
                application/json: '{"statusCode": 200}'
              responses:
                default:
                  statusCode: "200"
                  responseTemplates:
                    application/json: '[{"name": "rex"}]'
          post:
            x-amazon-apigateway-request-validator: body-only
            requestBody:
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/Pet"
            responses:
              "200":
                description: ok
            x-amazon-apigateway-integration:
              type: mock
              requestTemplates:
                application/json: '{"statusCode": 200}'
              responses:
                default:
                  statusCode: "200"
        /pets/{petId}:
          get:
            parameters:
              - name: petId
                in: path
                required: true
                schema:
                  type: string
            x-amazon-apigateway-integration:
              type: aws_proxy
              httpMethod: POST
              uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}/invocations
      components:
        schemas:
          Pet:
            type: object
            required: [name]
            properties:
              name:
                type: string
      """;

  @BeforeAll
  static void functions() {
    apigw = fogbank.client(ApiGatewayClient.builder());
    LambdaClient lambda = fogbank.client(LambdaClient.builder());
    fnOne = Lambdas.uniqueName("one");
    fnTwo = Lambdas.uniqueName("two");
    Lambdas.create(lambda, fnOne, "example.ProxyEcho", Lambdas.PROXY_ECHO, Map.of());
    Lambdas.create(lambda, fnTwo, "example.ProxyEcho", Lambdas.PROXY_ECHO, Map.of());
  }

  private static String importDoc(String doc) {
    return apigw.importRestApi(r -> r.body(SdkBytes.fromUtf8String(doc))).id();
  }

  @Test
  void importedApiServesTwoStagesWithTheirOwnFunctions() throws Exception {
    String api = importDoc(OPENAPI);
    var created = apigw.getRestApi(r -> r.restApiId(api));
    assertEquals("petstore", created.name());
    assertEquals(java.util.List.of("image/png"), created.binaryMediaTypes());
    apigw.createDeployment(r -> r.restApiId(api).stageName("one").variables(Map.of("fn", fnOne)));
    apigw.createDeployment(r -> r.restApiId(api).stageName("two").variables(Map.of("fn", fnTwo)));

    HttpResponse<String> one = Http.get(Http.invokeUrl(fogbank.endpoint(), api, "one", "/pets/7"));
    assertEquals(200, one.statusCode(), one.body());
    assertEquals(fnOne, one.headers().firstValue("X-Tag").orElseThrow());
    assertEquals("7", JSON.readTree(one.body()).path("pathParameters").path("petId").asText());
    assertEquals(fnTwo, Http.get(Http.invokeUrl(fogbank.endpoint(), api, "two", "/pets/7")).headers().firstValue("X-Tag").orElseThrow());

    HttpResponse<String> list = Http.get(Http.invokeUrl(fogbank.endpoint(), api, "one", "/pets"));
    assertEquals("[{\"name\": \"rex\"}]", list.body());
    HttpResponse<String> invalid = Http.send("POST", Http.invokeUrl(fogbank.endpoint(), api, "one", "/pets"),
        Map.of("Content-Type", "application/json"), "{}");
    assertEquals(400, invalid.statusCode());
    // the imported gateway response replaces API Gateway's 403 for unknown routes
    HttpResponse<String> unknown = Http.get(Http.invokeUrl(fogbank.endpoint(), api, "one", "/nothing"));
    assertEquals(404, unknown.statusCode());
    assertEquals("{\"error\": \"no such route\"}", unknown.body());
  }

  @Test
  void exportReimportsToTheSameApi() throws Exception {
    String api = importDoc(OPENAPI);
    apigw.createDeployment(r -> r.restApiId(api).stageName("prod"));
    GetExportResponse export = apigw.getExport(r -> r.restApiId(api).stageName("prod").exportType("oas30")
        .parameters(Map.of("extensions", "apigateway")).accepts("application/json"));
    assertEquals("application/json", export.contentType());
    JsonNode first = JSON.readTree(export.body().asUtf8String());
    assertEquals("3.0.1", first.path("openapi").asText());
    assertEquals("mock", first.path("paths").path("/pets").path("get").path("x-amazon-apigateway-integration").path("type").asText());
    assertTrue(first.path("paths").path("/pets/{petId}").path("get").path("x-amazon-apigateway-integration").path("uri").asText()
        .contains("${stageVariables.fn}"));

    // PutRestApi (overwrite) of the export onto the API it came from, then export again: the same document
    apigw.putRestApi(r -> r.restApiId(api).mode(PutMode.OVERWRITE).body(export.body()));
    apigw.createDeployment(r -> r.restApiId(api).stageName("prod"));
    JsonNode second = JSON.readTree(apigw.getExport(r -> r.restApiId(api).stageName("prod").exportType("oas30")
        .parameters(Map.of("extensions", "apigateway"))).body().asUtf8String());
    assertEquals(first.path("paths"), second.path("paths"));
    assertEquals(first.path("components"), second.path("components"));
    assertEquals(first.path("x-amazon-apigateway-request-validators"), second.path("x-amazon-apigateway-request-validators"));
    assertEquals(first.path("x-amazon-apigateway-gateway-responses"), second.path("x-amazon-apigateway-gateway-responses"));
  }

  @Test
  void swaggerTwoImportsAndExportsAsYaml() throws Exception {
    String swagger = """
        {"swagger": "2.0", "info": {"title": "legacy", "version": "1"},
         "securityDefinitions": {"api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"}},
         "paths": {"/items": {"get": {"security": [{"api_key": []}],
           "parameters": [{"name": "q", "in": "query", "required": true, "type": "string"}],
           "responses": {"200": {"description": "ok"}},
           "x-amazon-apigateway-integration": {"type": "mock", "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"},
             "responses": {"default": {"statusCode": "200"}}}}}}}
        """;
    String api = importDoc(swagger);
    var items = apigw.getResources(r -> r.restApiId(api)).items().stream().filter(x -> x.path().equals("/items")).findFirst().orElseThrow();
    var method = apigw.getMethod(r -> r.restApiId(api).resourceId(items.id()).httpMethod("GET"));
    assertTrue(method.apiKeyRequired());
    assertEquals(Boolean.TRUE, method.requestParameters().get("method.request.querystring.q"));
    apigw.createDeployment(r -> r.restApiId(api).stageName("v1"));
    GetExportResponse yaml = apigw.getExport(r -> r.restApiId(api).stageName("v1").exportType("swagger").accepts("application/yaml"));
    assertEquals("application/yaml", yaml.contentType());
    JsonNode doc = YAML.readTree(yaml.body().asUtf8String());
    assertEquals("2.0", doc.path("swagger").asText());
    assertEquals("/v1", doc.path("basePath").asText());
    assertEquals("query", doc.path("paths").path("/items").path("get").path("parameters").get(0).path("in").asText());
  }

  @Test
  void invalidDocumentsAreBadRequests() {
    assertThrows(BadRequestException.class, () -> importDoc("not: [an openapi"));
    assertThrows(BadRequestException.class, () -> importDoc("{\"info\": {\"title\": \"x\"}}"));
  }

  @Test
  void authorizersImportFromSecuritySchemesAndExportBack() throws Exception {
    String doc = """
        openapi: "3.0.1"
        info: {title: secured, version: "1"}
        components:
          securitySchemes:
            tokenAuth:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: custom
              x-amazon-apigateway-authorizer:
                type: token
                authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations
                authorizerResultTtlInSeconds: 60
            pool:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: cognito_user_pools
              x-amazon-apigateway-authorizer:
                type: cognito_user_pools
                providerARNs: ["arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_x"]
        paths:
          /secret:
            get:
              security: [{tokenAuth: []}]
              x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
          /claims:
            get:
              security: [{pool: []}]
              x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
        """;
    String api = importDoc(doc);
    var authorizers = apigw.getAuthorizers(r -> r.restApiId(api)).items();
    assertEquals(2, authorizers.size());
    var token = authorizers.stream().filter(a -> a.name().equals("tokenAuth")).findFirst().orElseThrow();
    assertEquals("TOKEN", token.typeAsString());
    assertEquals("method.request.header.Authorization", token.identitySource());
    assertEquals(60, token.authorizerResultTtlInSeconds());
    var secret = apigw.getResources(r -> r.restApiId(api)).items().stream().filter(x -> x.path().equals("/secret")).findFirst().orElseThrow();
    var method = apigw.getMethod(r -> r.restApiId(api).resourceId(secret.id()).httpMethod("GET"));
    assertEquals("CUSTOM", method.authorizationType());
    assertEquals(token.id(), method.authorizerId());
    apigw.createDeployment(r -> r.restApiId(api).stageName("prod"));
    JsonNode exported = JSON.readTree(apigw.getExport(r -> r.restApiId(api).stageName("prod").exportType("oas30")
        .parameters(Map.of("extensions", "authorizers"))).body().asUtf8String());
    assertEquals("token", exported.path("components").path("securitySchemes").path("tokenAuth").path("x-amazon-apigateway-authorizer").path("type").asText());
    assertEquals("pool", exported.path("paths").path("/claims").path("get").path("security").get(0).fieldNames().next());
  }

  @Test
  void putRestApiMergesOrOverwrites() {
    String api = importDoc(OPENAPI);
    String extra = """
        {"openapi": "3.0.1", "info": {"title": "extra", "version": "2"},
         "paths": {"/extra": {"get": {"x-amazon-apigateway-integration": {"type": "mock",
           "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"}}}}}}
        """;
    apigw.putRestApi(r -> r.restApiId(api).mode(PutMode.MERGE).body(SdkBytes.fromUtf8String(extra)));
    java.util.Set<String> merged = new java.util.HashSet<>();
    apigw.getResources(r -> r.restApiId(api)).items().forEach(x -> merged.add(x.path()));
    assertTrue(merged.containsAll(java.util.List.of("/pets", "/pets/{petId}", "/extra")), merged.toString());
    apigw.putRestApi(r -> r.restApiId(api).mode(PutMode.OVERWRITE).body(SdkBytes.fromUtf8String(extra)));
    java.util.Set<String> replaced = new java.util.HashSet<>();
    apigw.getResources(r -> r.restApiId(api)).items().forEach(x -> replaced.add(x.path()));
    assertEquals(java.util.Set.of("/", "/extra"), replaced);
    assertEquals("extra", apigw.getRestApi(r -> r.restApiId(api)).name());
  }
}
