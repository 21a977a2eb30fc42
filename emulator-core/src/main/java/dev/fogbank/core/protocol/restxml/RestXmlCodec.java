package dev.fogbank.core.protocol.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.Member;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.model.Shape;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.rest.RestCodec;
import dev.fogbank.core.protocol.rest.RestErrors;
import dev.fogbank.core.protocol.xml.XmlWriter;
import java.util.Base64;
import org.w3c.dom.Element;

/**
 * The generic part of restXml (Route 53, CloudFront-style services): the operation is the
 * request's method and path; input from the path, query string, headers and an XML body rooted in
 * the input's (or the payload's) element; output to the status code, headers and an XML body whose
 * root is named after the output shape's {@code locationName} (or the payload member) in the
 * service's namespace.
 *
 * <p>Errors: {@code <ErrorResponse xmlns="…"><Error><Type>Sender</Type><Code>…</Code>
 * <Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>}. S3's bare {@code <Error>}
 * form is S3's own; its hand-written surface may reuse {@link XmlBodyReader}'s rules through this
 * codec's decode.
 */
public final class RestXmlCodec extends RestCodec {

  static final String CONTENT_TYPE = "text/xml";
  private static final String OCTET_STREAM = "application/octet-stream";

  private final String xmlns;
  private final XmlBodyReader reader = new XmlBodyReader(RestXmlCodec::malformedXml);

  public RestXmlCodec(ServiceModel model) {
    super(model, RestXmlCodec::invalidArgument);
    this.xmlns = namespace(model);
  }

  /**
   * The service's namespace: the model's {@code metadata.xmlNamespace}, else the one its request
   * bodies declare (Route 53: {@code https://route53.amazonaws.com/doc/2013-04-01/}), else AWS's
   * {@code https://<endpointPrefix>.amazonaws.com/doc/<apiVersion>/}.
   */
  static String namespace(ServiceModel model) {
    ServiceModel.Metadata md = model.metadata();
    if (md.xmlNamespace() != null) {
      return md.xmlNamespace();
    }
    for (Operation op : model.operations().values()) {
      ServiceModel.XmlRoot root = model.inputXmlRoot(op.name());
      if (root != null && root.namespace() != null) {
        return root.namespace();
      }
    }
    return "https://" + md.endpointPrefix() + ".amazonaws.com/doc/" + md.apiVersion() + "/";
  }

  /** A body that does not parse, or a value of the wrong type in it. */
  static AwsException malformedXml(String message) {
    return new AwsException("MalformedXML", message, 400);
  }

  /** A path, query or header value of the wrong type. */
  static AwsException invalidArgument(String message) {
    return new AwsException("InvalidArgument", message, 400);
  }

  @Override
  public Protocol protocol() {
    return Protocol.REST_XML;
  }

  // ---------------------------------------------------------------- input

  @Override
  protected ObjectNode decodeBody(Shape shape, AwsRequest request) {
    Member payload = shape.payload() == null ? null : shape.member(shape.payload());
    byte[] body = request.body();
    if (payload == null) {
      Element root = reader.root(body);
      return root == null ? Json.object() : reader.structure(shape, root, true);
    }
    ObjectNode input = Json.object();
    if (payload.shape().type() == Shape.Type.STRUCTURE) {
      Element root = reader.root(body);
      if (root != null) {
        input.set(payload.name(), reader.structure(payload.shape(), root, false));
      }
    } else {
      String raw = rawPayload(payload, body);
      if (raw != null) {
        input.put(payload.name(), raw);
      }
    }
    return input;
  }

  // ---------------------------------------------------------------- output

  @Override
  protected AwsResponse encodeBody(int status, Shape shape, JsonNode output) {
    // Even an output without body members answers its (empty) root element, as Route 53 does.
    String root = shape.locationName() != null ? shape.locationName() : shape.name();
    String ns = shape.xmlNamespace() != null ? shape.xmlNamespace() : xmlns;
    XmlBodyWriter xml = new XmlBodyWriter().declaration().root(root, ns, shape, output, true);
    return AwsResponse.of(status, CONTENT_TYPE, xml.bytes());
  }

  @Override
  protected AwsResponse encodePayload(int status, Operation operation, Member payload, JsonNode value) {
    Shape shape = payload.shape();
    return switch (shape.type()) {
      case STRUCTURE -> {
        String root =
            payload.locationName() != null
                ? payload.locationName()
                : shape.locationName() != null ? shape.locationName() : payload.name();
        String ns =
            payload.xmlNamespace() != null
                ? payload.xmlNamespace()
                : shape.xmlNamespace() != null ? shape.xmlNamespace() : xmlns;
        XmlBodyWriter xml = new XmlBodyWriter().declaration().root(root, ns, shape, value, false);
        yield AwsResponse.of(status, CONTENT_TYPE, xml.bytes());
      }
      case BLOB -> AwsResponse.of(status, OCTET_STREAM, Base64.getMimeDecoder().decode(value.asText()));
      default -> AwsResponse.text(status, "text/plain", value.asText());
    };
  }

  // ---------------------------------------------------------------- errors

  @Override
  public AwsResponse encodeError(RequestContext ctx, AwsException error) {
    if (RestErrors.isUnknownOperation(error)) {
      return RestErrors.unknownOperation();
    }
    XmlWriter xml = new XmlWriter();
    xml.declaration()
        .start("ErrorResponse", xmlns)
        .start("Error")
        .element("Type", error.senderFault() ? "Sender" : "Receiver")
        .element("Code", error.code())
        .element("Message", error.getMessage())
        .end("Error")
        .element("RequestId", ctx.requestId())
        .end("ErrorResponse");
    return AwsResponse.of(error.status(), CONTENT_TYPE, xml.bytes());
  }
}
