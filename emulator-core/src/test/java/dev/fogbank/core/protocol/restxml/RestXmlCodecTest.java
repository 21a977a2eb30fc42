package dev.fogbank.core.protocol.restxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.Json;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** restXml input errors and the namespace rule, against the real Route 53 model. */
class RestXmlCodecTest {

  private static final ServiceModel ROUTE53 = ServiceModel.load(RestXmlCodecTest.class, "route53-2013-04-01");

  private static ObjectNode createHostedZone(String body) {
    RestXmlCodec codec = new RestXmlCodec(ROUTE53);
    AwsRequest request =
        new AwsRequest(
            "POST", "/2013-04-01/hostedzone", new DefaultHttpHeaders(), body.getBytes(StandardCharsets.UTF_8));
    return codec.decode(request, ROUTE53.operation("CreateHostedZone"));
  }

  @Test
  void serviceNamespaceComesFromTheRequestBodiesOfTheModel() {
    // Route 53's model has no metadata.xmlNamespace; its inputs declare it.
    assertEquals("https://route53.amazonaws.com/doc/2013-04-01/", RestXmlCodec.namespace(ROUTE53));
  }

  @Test
  void notWellFormedXmlIsMalformedXml() {
    AwsException e = assertThrows(AwsException.class, () -> createHostedZone("<CreateHostedZoneRequest><Name>"));
    assertEquals("MalformedXML", e.code());
    assertEquals(400, e.status());
  }

  @Test
  void doctypesAreRefusedSoNoEntityIsExpanded() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<CreateHostedZoneRequest><Name>&x;</Name></CreateHostedZoneRequest>";
    AwsException e = assertThrows(AwsException.class, () -> createHostedZone(xxe));
    assertEquals("MalformedXML", e.code());
  }

  @Test
  void wrongScalarTypeIsMalformedXml() {
    AwsException e =
        assertThrows(
            AwsException.class,
            () ->
                createHostedZone(
                    "<CreateHostedZoneRequest><HostedZoneConfig><PrivateZone>maybe</PrivateZone></HostedZoneConfig></CreateHostedZoneRequest>"));
    assertEquals("MalformedXML", e.code());
  }

  @Test
  void unknownElementsAndPrefixedNamesAreRead() {
    ObjectNode input =
        createHostedZone(
            "<r:CreateHostedZoneRequest xmlns:r=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
                + "<r:Name>example.com</r:Name><Unknown>x</Unknown><r:CallerReference>c</r:CallerReference>"
                + "</r:CreateHostedZoneRequest>");
    assertEquals(Json.parse("{\"Name\":\"example.com\",\"CallerReference\":\"c\"}"), input);
  }

  @Test
  void pathLabelOfTheWrongTypeIsInvalidArgument() {
    // GetHostedZoneLimit's Type is an enum string, but GetCheckerIpRanges has none: use a uri integer.
    RestXmlCodec codec = new RestXmlCodec(ROUTE53);
    AwsRequest request =
        new AwsRequest("GET", "/2013-04-01/trafficpolicy/p1/abc", new DefaultHttpHeaders(), new byte[0]);
    String op = codec.operationName(request);
    assertEquals("GetTrafficPolicy", op);
    AwsException e = assertThrows(AwsException.class, () -> codec.decode(request, ROUTE53.operation(op)));
    assertEquals("InvalidArgument", e.code());
  }
}
