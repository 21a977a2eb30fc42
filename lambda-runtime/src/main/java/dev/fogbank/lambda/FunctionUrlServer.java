package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.engine.RequestIds;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.lambda.function.LambdaFunction;
import dev.fogbank.lambda.invoke.Invoker;
import dev.fogbank.lambda.url.FunctionUrls;
import dev.fogbank.lambda.url.UrlCors;
import dev.fogbank.lambda.url.UrlEvent;
import dev.fogbank.lambda.url.UrlResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves function URLs: {@code http://<url-id>.lambda-url.<region>.localhost:<port>/…} (Host
 * routing, as Lambda's {@code <url-id>.lambda-url.<region>.on.aws}) and the path form {@code
 * /_fogbank/lambda-url/<url-id>/…} for clients that cannot resolve those host names. The function
 * receives the payload format 2.0 event and its result becomes the HTTP response itself, not an
 * AWS-protocol document. Both AuthType values accept requests; AWS_IAM only changes the event's
 * accountId from {@code anonymous} to the owner's.
 */
final class FunctionUrlServer {

  static final String PATH_PREFIX = "/_fogbank/lambda-url/";
  private static final Pattern HOST = Pattern.compile("([a-z0-9]+)\\.lambda-url\\.([a-z0-9-]+)\\.localhost");

  private final LambdaEngine engine;
  private final InvokeOperations invocations;
  private final FunctionUrls urls;

  FunctionUrlServer(LambdaEngine engine, InvokeOperations invocations, FunctionUrls urls) {
    this.engine = engine;
    this.invocations = invocations;
    this.urls = urls;
  }

  /** Whether a request is for a function URL, in either form. */
  boolean matches(AwsRequest request) {
    return request.path().startsWith(PATH_PREFIX) || HOST.matcher(request.hostName()).matches();
  }

  AwsResponse serve(AwsRequest request) {
    String urlId;
    String rawPath;
    Matcher host = HOST.matcher(request.hostName());
    String uri = request.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    if (host.matches()) {
      urlId = host.group(1);
      rawPath = path.isEmpty() ? "/" : path;
    } else {
      String rest = path.substring(PATH_PREFIX.length());
      int slash = rest.indexOf('/');
      urlId = slash < 0 ? rest : rest.substring(0, slash);
      rawPath = slash < 0 ? "/" : rest.substring(slash);
    }
    FunctionUrls.Binding binding = urls.lookup(urlId);
    LambdaFunction fn = binding == null ? null : engine.store().get(binding.account(), binding.region()).functions().get(binding.function());
    ObjectNode config = fn == null ? null : fn.urlConfigs().get(binding.qualifier());
    if (config == null || !FunctionUrls.idOf(config.path("FunctionUrl").asText()).equals(urlId)) {
      // No such URL: Lambda's front end answers 403 for a URL that names no function.
      return message(403, "Forbidden");
    }
    JsonNode cors = config.get("Cors");
    if (cors != null && UrlCors.isPreflight(request)) {
      return UrlCors.preflight(cors, request);
    }
    String hostHeader = request.header("Host");
    String port = hostHeader != null && hostHeader.lastIndexOf(':') > 0 ? hostHeader.substring(hostHeader.lastIndexOf(':')) : "";
    RequestContext ctx =
        new RequestContext(
            RequestIds.next(),
            binding.account(),
            binding.region(),
            "localhost" + port,
            Protocol.REST_JSON,
            request,
            engine.clock());
    String requestId = UUID.randomUUID().toString();
    Instant now = engine.clock().now();
    String accountId = config.path("AuthType").asText().equals("AWS_IAM") ? binding.account() : "anonymous";
    ObjectNode event = UrlEvent.of(request, urlId, binding.region(), rawPath, accountId, requestId, now);
    Invoker.Outcome outcome;
    try {
      FunctionRef ref = new FunctionRef(fn.name(), binding.qualifier().isEmpty() ? null : binding.qualifier());
      InvokeOperations.Target target = invocations.target(ctx, ref);
      byte[] payload = Json.MAPPER.writeValueAsBytes(event);
      outcome =
          engine.invoker().invoke(engine.state(ctx), target.fn(), target.version(), target.invokedArn(), payload, null, ctx.endpoint());
    } catch (AwsException e) {
      if (e.status() == 429) {
        return message(429, "Rate Exceeded.");
      }
      return message(e.status() >= 500 ? 502 : 403, e.status() >= 500 ? "Internal Server Error" : "Forbidden");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (outcome.result().error()) {
      // A function error (unhandled exception, timeout, crash) is the URL's 502.
      return message(502, "Internal Server Error");
    }
    UrlResponse.Mapped mapped = UrlResponse.of(outcome.result().payload());
    AwsResponse response = mapped.response();
    Map<String, String> headers = response.headers();
    // Each cookie of the result is a Set-Cookie header of its own (payload format 2.0).
    mapped.cookies().forEach(cookie -> response.addHeader("Set-Cookie", cookie));
    if (cors != null) {
      UrlCors.apply(cors, request, headers);
    }
    return response;
  }

  /** Lambda's URL front-end errors: {@code {"Message":"…"}}. */
  private static AwsResponse message(int status, String text) {
    ObjectNode body = Json.object();
    body.put("Message", text);
    return AwsResponse.of(status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
  }
}
