package dev.fogbank.s3;

import dev.fogbank.core.protocol.AwsRequest;
import java.util.Map;

/**
 * Which S3 operation a request is: S3 tells them apart by method, whether a key is present, the
 * sub-resource in the query string ({@code ?uploads}, {@code ?versioning}, {@code ?tagging}…) and
 * the {@code x-amz-copy-source} header.
 */
final class S3Operations {

  /** Bucket sub-resources and the operation-name stem they belong to. */
  private static final Map<String, String> BUCKET_CONFIGS =
      Map.ofEntries(
          Map.entry("versioning", "BucketVersioning"),
          Map.entry("tagging", "BucketTagging"),
          Map.entry("cors", "BucketCors"),
          Map.entry("policy", "BucketPolicy"),
          Map.entry("encryption", "BucketEncryption"),
          Map.entry("lifecycle", "BucketLifecycle"),
          Map.entry("notification", "BucketNotificationConfiguration"),
          Map.entry("ownershipControls", "BucketOwnershipControls"),
          Map.entry("publicAccessBlock", "PublicAccessBlock"),
          Map.entry("website", "BucketWebsite"),
          Map.entry("acl", "BucketAcl"),
          Map.entry("object-lock", "ObjectLockConfiguration"),
          Map.entry("logging", "BucketLogging"),
          Map.entry("replication", "BucketReplication"),
          Map.entry("accelerate", "BucketAccelerateConfiguration"),
          Map.entry("requestPayment", "BucketRequestPayment"),
          Map.entry("policyStatus", "BucketPolicyStatus"),
          Map.entry("analytics", "BucketAnalyticsConfiguration"),
          Map.entry("metrics", "BucketMetricsConfiguration"),
          Map.entry("inventory", "BucketInventoryConfiguration"),
          Map.entry("intelligent-tiering", "BucketIntelligentTieringConfiguration"),
          Map.entry("metadataTable", "BucketMetadataTableConfiguration"));

  private S3Operations() {}

  static String name(AwsRequest request, Address address) {
    String method = request.method();
    if (method.equals("OPTIONS")) {
      return address.bucket() == null ? null : "PreflightCorsRequest";
    }
    if (address.bucket() == null) {
      return method.equals("GET") ? "ListBuckets" : null;
    }
    return address.key() == null ? bucketOperation(request, method) : objectOperation(request, method);
  }

  private static String bucketOperation(AwsRequest request, String method) {
    var q = request.query();
    if (method.equals("HEAD")) {
      return "HeadBucket";
    }
    if (method.equals("POST")) {
      if (q.containsKey("delete")) {
        return "DeleteObjects";
      }
      return q.containsKey("metadataTable") ? "CreateBucketMetadataTableConfiguration" : "PostObject";
    }
    if (method.equals("GET")) {
      if (q.containsKey("location")) {
        return "GetBucketLocation";
      }
      if (q.containsKey("uploads")) {
        return "ListMultipartUploads";
      }
      if (q.containsKey("versions")) {
        return "ListObjectVersions";
      }
      if (q.containsKey("session")) {
        return "CreateSession";
      }
    }
    for (Map.Entry<String, String> e : BUCKET_CONFIGS.entrySet()) {
      if (q.containsKey(e.getKey())) {
        String stem = e.getValue();
        boolean listed = q.get("id") == null
            && (stem.equals("BucketAnalyticsConfiguration") || stem.equals("BucketMetricsConfiguration")
                || stem.equals("BucketInventoryConfiguration") || stem.equals("BucketIntelligentTieringConfiguration"));
        return switch (method) {
          case "GET" -> listed ? "List" + stem + "s" : (stem.equals("BucketLifecycle") ? "GetBucketLifecycleConfiguration" : "Get" + stem);
          case "PUT" -> stem.equals("BucketLifecycle") ? "PutBucketLifecycleConfiguration" : "Put" + stem;
          case "DELETE" -> "Delete" + stem;
          default -> null;
        };
      }
    }
    return switch (method) {
      case "GET" -> "2".equals(request.queryParam("list-type")) ? "ListObjectsV2" : "ListObjects";
      case "PUT" -> "CreateBucket";
      case "DELETE" -> "DeleteBucket";
      default -> null;
    };
  }

  private static String objectOperation(AwsRequest request, String method) {
    var q = request.query();
    boolean copy = request.header("x-amz-copy-source") != null;
    return switch (method) {
      case "PUT" -> {
        if (q.containsKey("uploadId") && q.containsKey("partNumber")) {
          yield copy ? "UploadPartCopy" : "UploadPart";
        }
        if (q.containsKey("tagging")) {
          yield "PutObjectTagging";
        }
        if (q.containsKey("acl")) {
          yield "PutObjectAcl";
        }
        if (q.containsKey("retention")) {
          yield "PutObjectRetention";
        }
        if (q.containsKey("legal-hold")) {
          yield "PutObjectLegalHold";
        }
        yield copy ? "CopyObject" : "PutObject";
      }
      case "GET" -> {
        if (q.containsKey("uploadId")) {
          yield "ListParts";
        }
        if (q.containsKey("tagging")) {
          yield "GetObjectTagging";
        }
        if (q.containsKey("acl")) {
          yield "GetObjectAcl";
        }
        if (q.containsKey("attributes")) {
          yield "GetObjectAttributes";
        }
        if (q.containsKey("retention")) {
          yield "GetObjectRetention";
        }
        if (q.containsKey("legal-hold")) {
          yield "GetObjectLegalHold";
        }
        if (q.containsKey("torrent")) {
          yield "GetObjectTorrent";
        }
        yield "GetObject";
      }
      case "HEAD" -> "HeadObject";
      case "DELETE" -> {
        if (q.containsKey("uploadId")) {
          yield "AbortMultipartUpload";
        }
        yield q.containsKey("tagging") ? "DeleteObjectTagging" : "DeleteObject";
      }
      case "POST" -> {
        if (q.containsKey("uploads")) {
          yield "CreateMultipartUpload";
        }
        if (q.containsKey("uploadId")) {
          yield "CompleteMultipartUpload";
        }
        if (q.containsKey("restore")) {
          yield "RestoreObject";
        }
        yield q.containsKey("select") ? "SelectObjectContent" : null;
      }
      default -> null;
    };
  }
}
