package dev.fogbank.s3;

import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import dev.fogbank.s3.store.DataDirectory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Amazon S3: buckets and objects whose bytes stream between the connection and the data
 * directory. Its REST-XML surface is written by hand ({@link S3Codec}); the model descriptor only
 * names the operations, for routing and the operations table.
 *
 * <p>Settings: {@code s3.data-dir} (default: a temporary directory deleted on exit), {@code
 * s3.verify-presigned-urls} and {@code s3.secret-access-key} (see {@link PresignedUrls}).
 */
public final class S3Module implements ServiceModule {

  private static final Pattern BUCKET_SEGMENT = Pattern.compile("/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?");
  private static final String[] OTHER_SERVICES_PATHS = {"/2015-03-31/", "/restapis", "/v2/", "/_", "/2018-06-01/", "/2016-11-15/"};

  private final ServiceModel model = ServiceModel.load(S3Module.class, "s3-2006-03-01");
  private final S3Codec codec = new S3Codec();
  private final Map<String, OperationHandler> handlers = new HashMap<>();
  private S3Engine engine;
  private PresignedUrls presigned;

  @Override
  public String name() {
    return "s3";
  }

  @Override
  public ServiceModel model() {
    return model;
  }

  @Override
  public Set<Protocol> protocols() {
    return Set.of(Protocol.REST_XML);
  }

  @Override
  public ProtocolCodec codec(Protocol protocol) {
    return codec;
  }

  @Override
  public void start(ServiceContext context) {
    String dir = context.config().setting("s3.data-dir", null);
    DataDirectory data = dir == null ? DataDirectory.temporary() : new DataDirectory(Path.of(dir));
    engine = new S3Engine(data, context.clock(), new Notifications(context.bus(), context.client()));
    presigned =
        new PresignedUrls(
            Boolean.parseBoolean(context.config().setting("s3.verify-presigned-urls", "false")),
            context.config().setting("s3.secret-access-key", "test"),
            context.clock());
    register();
    new Lifecycle(engine, context.scheduler()).start();
    // Every operation of a presigned URL first passes its query authentication.
    handlers.replaceAll((name, handler) -> (ctx, in) -> {
      if (ctx.request() != null) {
        presigned.check(ctx.request());
      }
      return handler.handle(ctx, in);
    });
  }

  private void register() {
    BucketOperations buckets = new BucketOperations(engine);
    ObjectOperations objects = new ObjectOperations(engine);
    CopyOperations copies = new CopyOperations(engine);
    ListOperations lists = new ListOperations(engine);
    MultipartOperations multipart = new MultipartOperations(engine);
    Tagging tagging = new Tagging(engine);
    ConfigOperations configs = new ConfigOperations(engine);
    handlers.put("CreateBucket", buckets::create);
    handlers.put("HeadBucket", buckets::head);
    handlers.put("ListBuckets", buckets::list);
    handlers.put("DeleteBucket", buckets::delete);
    handlers.put("GetBucketLocation", buckets::location);
    handlers.put("PutBucketVersioning", buckets::putVersioning);
    handlers.put("GetBucketVersioning", buckets::getVersioning);
    handlers.put("PutObject", objects::put);
    handlers.put("GetObject", objects::get);
    handlers.put("HeadObject", objects::head);
    handlers.put("GetObjectAttributes", objects::attributes);
    handlers.put("PostObject", new PostObject(engine, objects)::post);
    handlers.put("DeleteObject", objects::delete);
    handlers.put("CopyObject", copies::copy);
    handlers.put("DeleteObjects", copies::deleteObjects);
    handlers.put("ListObjects", lists::listV1);
    handlers.put("ListObjectsV2", lists::listV2);
    handlers.put("ListObjectVersions", lists::versions);
    handlers.put("CreateMultipartUpload", multipart::create);
    handlers.put("UploadPart", multipart::uploadPart);
    handlers.put("UploadPartCopy", multipart::uploadPartCopy);
    handlers.put("CompleteMultipartUpload", multipart::complete);
    handlers.put("AbortMultipartUpload", multipart::abort);
    handlers.put("ListParts", multipart::listParts);
    handlers.put("ListMultipartUploads", multipart::listUploads);
    handlers.put("PutObjectTagging", tagging::put);
    handlers.put("GetObjectTagging", tagging::get);
    handlers.put("DeleteObjectTagging", tagging::delete);
    for (String stem : ConfigOperations.CONFIGS.keySet()) {
      String get = stem.equals("BucketLifecycle") ? "GetBucketLifecycleConfiguration" : "Get" + stem;
      String put = stem.equals("BucketLifecycle") ? "PutBucketLifecycleConfiguration" : "Put" + stem;
      handlers.put(get, configs.get(stem));
      handlers.put(put, configs.put(stem));
      if (model.operation("Delete" + stem) != null) {
        handlers.put("Delete" + stem, configs.delete(stem));
      }
    }
    ObjectLock lock = new ObjectLock(engine);
    handlers.put("PutObjectRetention", lock.put("retention", "Retention"));
    handlers.put("GetObjectRetention", lock.get("retention"));
    handlers.put("PutObjectLegalHold", lock.put("legal-hold", "LegalHold"));
    handlers.put("GetObjectLegalHold", lock.get("legal-hold"));
    handlers.put("RestoreObject", lock::restore);
    Cors cors = new Cors(engine);
    codec.cors(cors);
    handlers.put("PreflightCorsRequest", cors::preflight);
    handlers.put("GetObjectAcl", (ctx, in) -> {
      ObjectOperations.find(engine.bucket(in.path("Bucket").asText(null)), in.path("Key").asText(), ctx.request().queryParam("versionId"));
      return S3Reply.xml(ConfigOperations.acl(ctx.account())).node();
    });
    handlers.put("PutObjectAcl", (ctx, in) -> {
      ObjectOperations.find(engine.bucket(in.path("Bucket").asText(null)), in.path("Key").asText(), ctx.request().queryParam("versionId"));
      BucketOperations.readBody(ctx);
      return S3Reply.ok().node();
    });
  }

  @Override
  public Map<String, OperationHandler> handlers() {
    return handlers;
  }

  @Override
  public void reset() {
    engine.reset();
  }

  /**
   * S3's requests without a SigV4 scope naming it: virtual-hosted buckets, presigned URLs, and
   * unsigned path-style requests whose first segment is a bucket name (never another service's
   * paths, query-protocol form posts, JSON-protocol targets, or an SQS queue URL).
   */
  @Override
  public boolean claims(AwsRequest request) {
    String host = request.hostName();
    if (Address.hostBucket(host) != null || host.startsWith("s3.localhost.localstack.cloud") || host.equals("s3.amazonaws.com")) {
      return true;
    }
    String credential = request.queryParam("X-Amz-Credential");
    if (credential != null) {
      return credential.contains("/s3/");
    }
    if (request.header("Authorization") != null || request.header("X-Amz-Target") != null || request.isFormUrlEncoded()) {
      return false;
    }
    String path = request.path();
    for (String other : OTHER_SERVICES_PATHS) {
      if (path.startsWith(other)) {
        return false;
      }
    }
    if (!BUCKET_SEGMENT.matcher(path).matches()) {
      return false;
    }
    String first = path.substring(1, path.indexOf('/', 1) < 0 ? path.length() : path.indexOf('/', 1));
    return !first.chars().allMatch(Character::isDigit);
  }

  /** Every S3 request with a body is read as it arrives: objects of any size never sit in memory. */
  @Override
  public boolean streamsRequestBody(AwsRequest head) {
    return head.method().equals("PUT") || head.method().equals("POST");
  }
}
