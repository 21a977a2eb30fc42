package dev.fogbank.core.protocol.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.AwsRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operation matching by method and URI template, against the real Lambda and API Gateway models. */
class OperationMatcherTest {

  private static final ServiceModel LAMBDA = ServiceModel.load(OperationMatcherTest.class, "lambda-2015-03-31");
  private static final ServiceModel APIGW = ServiceModel.load(OperationMatcherTest.class, "apigateway-2015-07-09");

  private static AwsRequest request(String method, String uri) {
    return new AwsRequest(method, uri, new DefaultHttpHeaders(), new byte[0]);
  }

  private static String op(ServiceModel model, String method, String uri) {
    OperationMatcher.Match m = OperationMatcher.of(model).match(request(method, uri));
    return m == null ? null : m.operation().name();
  }

  @Test
  void methodTellsOperationsOnOnePathApart() {
    assertEquals("CreateFunction", op(LAMBDA, "POST", "/2015-03-31/functions"));
    assertEquals("ListFunctions", op(LAMBDA, "GET", "/2015-03-31/functions/"));
    assertEquals("GetFunction", op(LAMBDA, "GET", "/2015-03-31/functions/f"));
    assertEquals("DeleteFunction", op(LAMBDA, "DELETE", "/2015-03-31/functions/f"));
  }

  @Test
  void trailingSlashIsOptional() {
    // ListFunctions is modelled as /2015-03-31/functions/; clients send either form.
    assertEquals("ListFunctions", op(LAMBDA, "GET", "/2015-03-31/functions"));
    assertEquals("GetFunction", op(LAMBDA, "GET", "/2015-03-31/functions/f/"));
  }

  @Test
  void literalQueryPartMakesTheTemplateMoreSpecific() {
    assertEquals("GetLayerVersionByArn", op(LAMBDA, "GET", "/2018-10-31/layers?find=LayerVersion&Arn=a"));
    assertEquals("ListLayers", op(LAMBDA, "GET", "/2018-10-31/layers"));
    assertEquals("ListLayers", op(LAMBDA, "GET", "/2018-10-31/layers?find=Other"));
    assertEquals(
        "ListProvisionedConcurrencyConfigs",
        op(LAMBDA, "GET", "/2019-09-30/functions/f/provisioned-concurrency?List=ALL"));
    assertEquals(
        "GetProvisionedConcurrencyConfig",
        op(LAMBDA, "GET", "/2019-09-30/functions/f/provisioned-concurrency?Qualifier=1"));
  }

  @Test
  void overlappingTemplatesResolveByLength() {
    assertEquals("GetResources", op(APIGW, "GET", "/restapis/a/resources"));
    assertEquals("GetResource", op(APIGW, "GET", "/restapis/a/resources/r"));
    assertEquals("GetRestApi", op(APIGW, "GET", "/restapis/a"));
    assertEquals("GetRestApis", op(APIGW, "GET", "/restapis"));
  }

  @Test
  void labelsArePercentDecodedAfterMatching() {
    OperationMatcher.Match m =
        OperationMatcher.of(LAMBDA)
            .match(request("GET", "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af"));
    assertEquals("ListTags", m.operation().name());
    assertEquals("arn:aws:lambda:us-east-1:123456789012:function:f", m.labels().get("ARN"));
    // An encoded slash stays inside its label instead of adding a segment; + is a plus sign.
    OperationMatcher.Match slash = OperationMatcher.of(LAMBDA).match(request("GET", "/2015-03-31/functions/a%2Fb+c"));
    assertEquals("GetFunction", slash.operation().name());
    assertEquals("a/b+c", slash.labels().get("FunctionName"));
  }

  @Test
  void greedyLabelTakesSeveralSegments() {
    UriTemplate t = UriTemplate.parse("/{Bucket}/{Key+}?tagging");
    Map<String, String> labels =
        t.match(UriTemplate.split("/photos/2024/may/cat%20one.jpg"), Map.of("tagging", List.of("")));
    assertEquals(Map.of("Bucket", "photos", "Key", "2024/may/cat one.jpg"), labels);
    assertNull(t.match(UriTemplate.split("/photos/a.jpg"), Map.of()), "?tagging is required");
    assertNull(t.match(UriTemplate.split("/photos"), Map.of("tagging", List.of(""))), "Key+ needs a segment");
  }

  @Test
  void labelWithLiteralPrefixAndSuffixInOneSegment() {
    UriTemplate t = UriTemplate.parse("/v1/{name}:cancel");
    assertEquals(Map.of("name", "job-1"), t.match(UriTemplate.split("/v1/job-1:cancel"), Map.of()));
    assertNull(t.match(UriTemplate.split("/v1/job-1"), Map.of()));
  }

  @Test
  void unknownMethodOrPathMatchesNothingButThePathIsStillClaimed() {
    assertNull(op(LAMBDA, "PATCH", "/2015-03-31/functions/f"));
    assertNull(op(LAMBDA, "GET", "/2015-03-31/nothing-here"));
    assertTrue(OperationMatcher.claims(LAMBDA, request("PATCH", "/2015-03-31/functions/f")));
    assertFalse(OperationMatcher.claims(LAMBDA, request("GET", "/restapis/a")));
    assertFalse(OperationMatcher.claims(APIGW, request("GET", "/2015-03-31/functions/f")));
  }
}
