package dev.fogbank.core.routing;

import dev.fogbank.core.engine.ServiceRegistry;
import dev.fogbank.core.engine.ServiceRegistry.Service;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import dev.fogbank.core.protocol.rpcv2.RpcV2CborCodec;
import java.util.List;

/**
 * Decides which service a request is for, the way AWS clients address services on one endpoint:
 *
 * <ol>
 *   <li>{@code smithy-protocol: rpc-v2-cbor} with {@code /service/<name>/operation/<op>} — Smithy
 *       RPC v2 CBOR;
 *   <li>{@code X-Amz-Target: <prefix>.<Operation>} — the JSON protocols;
 *   <li>a query-protocol request ({@code Action=} in a form body or the query string) — the service
 *       named by the SigV4 credential scope, else the one whose paths the request uses, else the
 *       one service that has that action;
 *   <li>the SigV4 credential scope's service, for the REST protocols;
 *   <li>a service that claims the path or host ({@code /2015-03-31/functions}, {@code
 *       bucket.s3.localhost}).
 * </ol>
 */
public final class ServiceRouter {

  private final ServiceRegistry registry;

  public ServiceRouter(ServiceRegistry registry) {
    this.registry = registry;
  }

  /** The route, or null when no running service takes the request. */
  public Route resolve(AwsRequest request, SigV4 sig) {
    if (RpcV2CborCodec.isRpcV2Cbor(request)) {
      return rpcV2Cbor(request, sig);
    }
    String target = request.header("X-Amz-Target");
    if (target != null) {
      int dot = target.lastIndexOf('.');
      Service service = registry.byTargetPrefix(dot < 0 ? target : target.substring(0, dot));
      if (service == null) {
        return null;
      }
      ProtocolCodec json = service.codecs().get(Protocol.AWS_JSON_1_0);
      return new Route(service, json != null ? json : service.codecs().get(Protocol.AWS_JSON_1_1));
    }

    Service scoped = scoped(request, sig);
    if (isQuery(request)) {
      Service service = queryService(request, scoped);
      if (service != null) {
        return new Route(service, service.codecs().get(Protocol.QUERY));
      }
    }
    if (scoped != null && scoped.primaryCodec() != null && !isQueryOnly(scoped)) {
      return new Route(scoped, scoped.primaryCodec());
    }
    for (Service service : registry.services()) {
      if (service.module().claims(request) && service.primaryCodec() != null) {
        return new Route(service, service.primaryCodec());
      }
    }
    return null;
  }

  /**
   * Smithy RPC v2 CBOR: the service whose codec knows the path's service name ({@code
   * /service/GraniteServiceVersion20100801/…}), else the one the credential scope names.
   */
  private Route rpcV2Cbor(AwsRequest request, SigV4 sig) {
    String name = RpcV2CborCodec.serviceName(request);
    for (Service service : registry.services()) {
      if (service.codecs().get(Protocol.RPC_V2_CBOR) instanceof RpcV2CborCodec codec && codec.serves(name)) {
        return new Route(service, codec);
      }
    }
    Service scoped = scoped(request, sig);
    if (scoped != null && scoped.codecs().get(Protocol.RPC_V2_CBOR) instanceof RpcV2CborCodec codec) {
      return new Route(scoped, codec);
    }
    return null;
  }

  /**
   * The service the credential scope names; when several share the name (API Gateway v1 and v2
   * both sign as {@code apigateway}), the one that claims the request's path.
   */
  private Service scoped(AwsRequest request, SigV4 sig) {
    List<Service> signed = registry.signedAs(sig.service());
    if (signed.size() > 1) {
      for (Service service : signed) {
        if (service.module().claims(request)) {
          return service;
        }
      }
    }
    return signed.isEmpty() ? null : signed.get(0);
  }

  private static boolean isQuery(AwsRequest request) {
    return request.isFormUrlEncoded() || request.queryParam("Action") != null;
  }

  private static boolean isQueryOnly(Service service) {
    return service.codecs().size() == 1 && service.codecs().containsKey(Protocol.QUERY);
  }

  private Service queryService(AwsRequest request, Service scoped) {
    if (scoped != null && scoped.codecs().containsKey(Protocol.QUERY)) {
      return scoped;
    }
    for (Service service : registry.services()) {
      if (service.codecs().containsKey(Protocol.QUERY) && service.module().claims(request)) {
        return service;
      }
    }
    String action = request.formParameters().get("Action");
    Service only = null;
    for (Service service : registry.services()) {
      if (service.codecs().containsKey(Protocol.QUERY) && action != null && service.model().operation(action) != null) {
        if (only != null) {
          return null;
        }
        only = service;
      }
    }
    return only;
  }
}
