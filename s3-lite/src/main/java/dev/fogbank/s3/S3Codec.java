package dev.fogbank.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.model.Operation;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * S3's REST-XML, by hand: the operation from method, sub-resource and headers; the bucket and key
 * from host or path; the handlers read everything else from the request and answer an {@link
 * S3Reply}. Every answer carries {@code x-amz-request-id} and {@code x-amz-id-2}.
 */
final class S3Codec implements ProtocolCodec {

  private volatile Cors cors;

  void cors(Cors cors) {
    this.cors = cors;
  }

  @Override
  public Protocol protocol() {
    return Protocol.REST_XML;
  }

  @Override
  public String operationName(AwsRequest request) {
    return S3Operations.name(request, Address.of(request));
  }

  @Override
  public ObjectNode decode(AwsRequest request, Operation operation) {
    Address address = Address.of(request);
    ObjectNode input = Json.object();
    if (address.bucket() != null) {
      input.put("Bucket", address.bucket());
    }
    if (address.key() != null) {
      input.put("Key", address.key());
    }
    return input;
  }

  @Override
  public AwsResponse encode(RequestContext ctx, Operation operation, JsonNode output) {
    S3Reply reply = output instanceof POJONode pojo && pojo.getPojo() instanceof S3Reply r ? r : S3Reply.ok();
    Map<String, String> headers = new LinkedHashMap<>(reply.headers);
    ids(ctx, headers);
    if (cors != null && ctx.request() != null && !ctx.request().method().equals("OPTIONS")) {
      cors.decorate(ctx.request(), headers);
    }
    if (reply.stream != null) {
      return AwsResponse.streamed(reply.status, headers, reply.stream);
    }
    return new AwsResponse(reply.status, headers, reply.body);
  }

  @Override
  public AwsResponse encodeError(RequestContext ctx, AwsException error) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (error.status() == 304) {
      if (error instanceof S3Exception s3) {
        headers.putAll(s3.headers());
      }
      ids(ctx, headers);
      return new AwsResponse(304, headers, new byte[0]);
    }
    String code = error.code();
    String message = error.getMessage();
    int status = error.status();
    if ("UnknownOperationException".equals(code) && message == null) {
      code = "MethodNotAllowed";
      message = "The specified method is not allowed against this resource.";
      status = 405;
    } else if ("NotImplemented".equals(code)) {
      message = "A header you provided implies functionality that is not implemented";
    }
    headers.put("Content-Type", "application/xml");
    String hostId = ids(ctx, headers);
    StringBuilder xml = new StringBuilder(Xml.DECLARATION).append("<Error><Code>").append(code).append("</Code>");
    xml.append("<Message>").append(Xml.escaped(message == null ? "" : message)).append("</Message>");
    if (error instanceof S3Exception s3) {
      s3.elements().forEach((k, v) -> xml.append('<').append(k).append('>').append(Xml.escaped(v)).append("</").append(k).append('>'));
      headers.putAll(s3.headers());
    }
    xml.append("<RequestId>").append(ctx.requestId()).append("</RequestId><HostId>").append(hostId).append("</HostId></Error>");
    return new AwsResponse(status, headers, xml.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** S3's request id pair: {@code x-amz-request-id} and the extended {@code x-amz-id-2}; returns the latter. */
  private static String ids(RequestContext ctx, Map<String, String> headers) {
    byte[] raw = new byte[48];
    ThreadLocalRandom.current().nextBytes(raw);
    String hostId = Base64.getEncoder().encodeToString(raw);
    headers.put("x-amz-request-id", ctx.requestId());
    headers.put("x-amz-id-2", hostId);
    return hostId;
  }
}
