package dev.fogbank.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.state.AccountRegionStore;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.lambda.function.Alias;
import dev.fogbank.lambda.function.CodePackage;
import dev.fogbank.lambda.function.FunctionVersion;
import dev.fogbank.lambda.function.LambdaFunction;
import dev.fogbank.lambda.function.LambdaState;
import dev.fogbank.lambda.invoke.Invoker;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/**
 * Lambda's state and the rules every operation shares: finding a function by any of the names a
 * caller may use, resolving qualifiers, loading code, formatting Lambda's timestamps.
 */
public final class LambdaEngine {

  /** Lambda's LastModified format: {@code 2024-05-01T12:00:00.000+0000}. */
  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private final AccountRegionStore<LambdaState> store;
  private final Clock clock;
  private final Scheduler scheduler;
  private final InProcessClient client;
  private final Invoker invoker;
  private final Path codeRoot;

  public LambdaEngine(
      Clock clock, Scheduler scheduler, InProcessClient client, Invoker invoker, Path codeRoot, int accountConcurrency) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.client = client;
    this.invoker = invoker;
    this.codeRoot = codeRoot;
    this.store = new AccountRegionStore<>((a, r) -> new LambdaState(a, r, accountConcurrency));
  }

  public Clock clock() {
    return clock;
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public Invoker invoker() {
    return invoker;
  }

  public LambdaState state(RequestContext ctx) {
    return store.get(ctx.account(), ctx.region());
  }

  public AccountRegionStore<LambdaState> store() {
    return store;
  }

  public String now() {
    return LAST_MODIFIED.format(clock.now());
  }

  public static String revisionId() {
    return UUID.randomUUID().toString();
  }

  /** The FunctionName parameter (and Qualifier, if the operation has one) of a request. */
  public FunctionRef ref(RequestContext ctx, ObjectNode input) {
    return FunctionRef.parse(
        input.path("FunctionName").asText(null), input.path("Qualifier").asText(null), ctx.account(), ctx.region());
  }

  /** The function a request names, or ResourceNotFoundException with its ARN. */
  public LambdaFunction function(RequestContext ctx, FunctionRef ref) {
    LambdaFunction fn = state(ctx).functions().get(ref.name());
    if (fn == null) {
      throw LambdaErrors.functionNotFound(FunctionRef.arn(ctx.region(), ctx.account(), ref.name(), ref.qualifier()));
    }
    return fn;
  }

  /**
   * The version a qualifier names: {@code $LATEST} (or none), a published version number, or an
   * alias's own version (without its routing).
   */
  public FunctionVersion version(RequestContext ctx, LambdaFunction fn, String qualifier) {
    if (qualifier == null || qualifier.equals(FunctionRef.LATEST)) {
      return fn.latest();
    }
    if (qualifier.chars().allMatch(Character::isDigit)) {
      FunctionVersion v = fn.version(Long.parseLong(qualifier));
      if (v == null) {
        throw LambdaErrors.functionNotFound(fn.arn() + ":" + qualifier);
      }
      return v;
    }
    Alias alias = fn.aliases().get(qualifier);
    if (alias == null) {
      throw LambdaErrors.functionNotFound(fn.arn() + ":" + qualifier);
    }
    return version(ctx, fn, alias.functionVersion());
  }

  /**
   * The code a request carries: ZipFile inline, or S3Bucket/S3Key fetched from Fogbank's S3 when
   * it runs.
   */
  public CodePackage code(RequestContext ctx, JsonNode code) {
    if (code.hasNonNull("ImageUri")) {
      if (code.hasNonNull("ZipFile") || code.hasNonNull("S3Bucket") || code.hasNonNull("S3Key")) {
        throw LambdaErrors.invalidParameter("Please do not provide other FunctionCode parameters when providing a ImageUri.");
      }
      return CodePackage.image(code.get("ImageUri").asText());
    }
    if (code.hasNonNull("ZipFile")) {
      if (code.hasNonNull("S3Bucket") || code.hasNonNull("S3Key")) {
        throw LambdaErrors.invalidParameter("Please do not provide other FunctionCode parameters when providing a ZipFile.");
      }
      return CodePackage.of(Base64.getMimeDecoder().decode(code.get("ZipFile").asText()), codeRoot);
    }
    if (code.hasNonNull("S3Bucket") && code.hasNonNull("S3Key")) {
      return CodePackage.of(fromS3(ctx, code), codeRoot);
    }
    throw LambdaErrors.invalidParameter("Please provide a source for function code.");
  }

  private byte[] fromS3(RequestContext ctx, JsonNode code) {
    String bucket = code.get("S3Bucket").asText();
    String key = code.get("S3Key").asText();
    String notFound =
        "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.";
    if (client == null || !client.has("s3")) {
      throw LambdaErrors.invalidParameter(notFound);
    }
    ObjectNode req = Json.object();
    req.put("Bucket", bucket);
    req.put("Key", key);
    if (code.hasNonNull("S3ObjectVersion")) {
      req.put("VersionId", code.get("S3ObjectVersion").asText());
    }
    JsonNode out;
    try {
      out = client.call("s3", "GetObject", ctx.account(), ctx.region(), req);
    } catch (AwsException e) {
      throw LambdaErrors.invalidParameter(
          "Error occurred while GetObject. S3 Error Code: " + e.code() + ". S3 Error Message: " + e.getMessage());
    }
    JsonNode body = out == null ? null : out.get("Body");
    if (body == null || body.isNull()) {
      throw LambdaErrors.invalidParameter(notFound);
    }
    return Base64.getMimeDecoder().decode(body.asText());
  }

  public void reset() {
    invoker.shutdown();
    store.reset();
  }
}
