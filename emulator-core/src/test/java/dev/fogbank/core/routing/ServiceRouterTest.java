package dev.fogbank.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fogbank.core.engine.FixtureModule;
import dev.fogbank.core.engine.ServiceRegistry;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.Protocol;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which service and protocol a request goes to, with real models for every service. */
class ServiceRouterTest {

  private final ServiceRouter router =
      new ServiceRouter(
          new ServiceRegistry(
              List.of(
                  new FixtureModule("sqs", "sqs-2012-11-05").protocols(Protocol.AWS_JSON_1_0, Protocol.QUERY),
                  new FixtureModule("sns", "sns-2010-03-31"),
                  new FixtureModule("lambda", "lambda-2015-03-31"),
                  new FixtureModule("apigateway", "apigateway-2015-07-09"),
                  new FixtureModule("apigatewayv2", "apigatewayv2-2018-11-29"),
                  new FixtureModule("route53", "route53-2013-04-01"))));

  private static AwsRequest request(String method, String uri, String scope, String contentType, String body, String target) {
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    if (scope != null) {
      headers.add(
          "Authorization",
          "AWS4-HMAC-SHA256 Credential=AKID/20240501/us-east-1/" + scope + "/aws4_request, SignedHeaders=host, Signature=s");
    }
    if (contentType != null) {
      headers.add("Content-Type", contentType);
    }
    if (target != null) {
      headers.add("X-Amz-Target", target);
    }
    return new AwsRequest(method, uri, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private String route(AwsRequest request) {
    Route r = router.resolve(request, SigV4.of(request));
    return r == null ? null : r.service().name() + "/" + r.codec().protocol();
  }

  private static final String FORM = "application/x-www-form-urlencoded";

  @Test
  void targetHeaderPicksTheJsonService() {
    assertEquals("sqs/AWS_JSON_1_0", route(request("POST", "/", "sqs", "application/x-amz-json-1.0", "{}", "AmazonSQS.ListQueues")));
    assertNull(route(request("POST", "/", null, "application/x-amz-json-1.0", "{}", "Nobody_2020.Op")));
  }

  @Test
  void queryRequestsGoToTheScopedServiceElseTheOneWithTheAction() {
    assertEquals("sqs/QUERY", route(request("POST", "/", "sqs", FORM, "Action=ListQueues", null)));
    assertEquals("sns/QUERY", route(request("POST", "/", null, FORM, "Action=Publish&Message=m", null)));
    assertEquals("sns/QUERY", route(request("GET", "/?Action=ListTopics", null, null, "", null)));
  }

  @Test
  void restRequestsGoByScopeOrByTheirPath() {
    assertEquals("lambda/REST_JSON", route(request("GET", "/2015-03-31/functions/", "lambda", null, "", null)));
    assertEquals("lambda/REST_JSON", route(request("GET", "/2015-03-31/functions/f", null, null, "", null)));
    assertEquals("route53/REST_XML", route(request("GET", "/2013-04-01/hostedzone", null, null, "", null)));
  }

  @Test
  void servicesSharingASigningNameAreToldApartByPath() {
    // API Gateway's v1 and v2 APIs both sign as "apigateway".
    assertEquals("apigateway/REST_JSON", route(request("GET", "/restapis", "apigateway", null, "", null)));
    assertEquals("apigatewayv2/REST_JSON", route(request("GET", "/v2/apis", "apigateway", null, "", null)));
  }

  @Test
  void nothingClaimsAnUnknownUnsignedPath() {
    assertNull(route(request("GET", "/no/such/thing", null, null, "", null)));
  }
}
