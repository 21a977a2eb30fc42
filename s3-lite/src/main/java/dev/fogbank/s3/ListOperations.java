package dev.fogbank.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.s3.store.Bucket;
import dev.fogbank.s3.store.S3Object;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * ListObjects (v1), ListObjectsV2 and ListObjectVersions: keys in UTF-8 binary order, filtered by
 * prefix, rolled up into CommonPrefixes at the delimiter, at most max-keys (1000) entries —
 * contents and prefixes counted together — with marker / continuation-token / start-after /
 * key-marker+version-id-marker pagination and {@code encoding-type=url}.
 */
final class ListOperations {

  private final S3Engine engine;

  ListOperations(S3Engine engine) {
    this.engine = engine;
  }

  /** One page: entries (a key's current version, or a common prefix) and where the next starts. */
  private interface Visitor {
    /** Returns false when the page is full. */
    boolean object(String key, List<S3Object> versions);

    boolean prefix(String prefix);
  }

  /** Walks keys after {@code after} (exclusive), grouping by delimiter; returns the last key or prefix emitted, or null if the walk ended. */
  private static String walk(Bucket bucket, String prefix, String delimiter, String after, Visitor visitor) {
    Map<String, List<S3Object>> tail = after == null ? bucket.objects() : bucket.objects().tailMap(after, false);
    String lastPrefix = null;
    for (Map.Entry<String, List<S3Object>> e : tail.entrySet()) {
      String key = e.getKey();
      if (prefix != null && !key.startsWith(prefix)) {
        if (prefix != null && key.compareTo(prefix) > 0) {
          break;
        }
        continue;
      }
      if (delimiter != null && !delimiter.isEmpty()) {
        int from = prefix == null ? 0 : prefix.length();
        int at = key.indexOf(delimiter, from);
        if (at >= 0) {
          String common = key.substring(0, at + delimiter.length());
          if (common.equals(lastPrefix) || (after != null && after.startsWith(common) && common.compareTo(after) <= 0 && after.length() >= common.length())) {
            continue;
          }
          lastPrefix = common;
          if (!visitor.prefix(common)) {
            return common;
          }
          continue;
        }
      }
      if (!visitor.object(key, e.getValue())) {
        return key;
      }
    }
    return null;
  }

  JsonNode listV1(RequestContext ctx, ObjectNode in) {
    return list(ctx, in, false);
  }

  JsonNode listV2(RequestContext ctx, ObjectNode in) {
    return list(ctx, in, true);
  }

  private JsonNode list(RequestContext ctx, ObjectNode in, boolean v2) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    AwsRequest r = ctx.request();
    String prefix = emptyToNull(r.queryParam("prefix"));
    String delimiter = emptyToNull(r.queryParam("delimiter"));
    boolean url = encodingType(r);
    int max = BucketOperations.parseMax(r.queryParam("max-keys"), 1000, "max-keys");
    String token = r.queryParam("continuation-token");
    String startAfter = r.queryParam("start-after");
    String marker = r.queryParam("marker");
    String after;
    if (v2) {
      after = token != null ? decodeToken(token) : emptyToNull(startAfter);
    } else {
      after = emptyToNull(marker);
    }
    String root = v2 ? "ListBucketResult" : "ListBucketResult";
    Xml contents = Xml.document("x");
    Xml prefixes = Xml.document("x");
    int[] count = {0};
    String[] lastEmitted = {null};
    String stop =
        walk(bucket, prefix, delimiter, after, new Visitor() {
          @Override
          public boolean object(String key, List<S3Object> versions) {
            S3Object o = versions.get(0);
            if (o.deleteMarker()) {
              return true;
            }
            if (count[0] == max) {
              return false;
            }
            count[0]++;
            lastEmitted[0] = key;
            contents.open("Contents")
                .element("Key", encode(key, url))
                .element("LastModified", S3Engine.iso(o.lastModified()))
                .element("ETag", o.etag());
            o.checksums().keySet().forEach(alg -> contents.element("ChecksumAlgorithm", alg));
            if (!o.checksums().isEmpty()) {
              contents.element("ChecksumType", o.partsCount() > 0 ? "COMPOSITE" : "FULL_OBJECT");
            }
            contents.element("Size", o.size());
            if (!v2 || "true".equals(r.queryParam("fetch-owner"))) {
              contents.open("Owner").element("ID", BucketOperations.owner(bucket.account())).element("DisplayName", "webfile").close("Owner");
            }
            contents.element("StorageClass", o.storageClass()).close("Contents");
            return true;
          }

          @Override
          public boolean prefix(String common) {
            if (count[0] == max) {
              return false;
            }
            count[0]++;
            lastEmitted[0] = common;
            prefixes.open("CommonPrefixes").element("Prefix", encode(common, url)).close("CommonPrefixes");
            return true;
          }
        });
    // With max-keys 0 nothing is listed and there is no place to continue from.
    boolean truncated = stop != null && lastEmitted[0] != null;
    Xml xml = Xml.document(root);
    xml.element("IsTruncated", truncated).element("Name", bucket.name());
    xml.element("Prefix", encode(prefix == null ? "" : prefix, url));
    if (v2) {
      xml.element("MaxKeys", max).element("KeyCount", count[0]);
      if (token != null) {
        xml.element("ContinuationToken", token);
      }
      if (truncated) {
        xml.element("NextContinuationToken", encodeToken(lastEmitted[0]));
      }
      if (startAfter != null) {
        xml.element("StartAfter", encode(startAfter, url));
      }
    } else {
      xml.element("Marker", encode(marker == null ? "" : marker, url)).element("MaxKeys", max);
      if (truncated && delimiter != null) {
        xml.element("NextMarker", encode(lastEmitted[0], url));
      }
    }
    if (delimiter != null) {
      xml.element("Delimiter", encode(delimiter, url));
    }
    if (url) {
      xml.element("EncodingType", "url");
    }
    xml.raw(body(contents)).raw(body(prefixes));
    return S3Reply.xml(xml.end(root)).node();
  }

  /** ListObjectVersions: every version and delete marker, newest first per key. */
  JsonNode versions(RequestContext ctx, ObjectNode in) {
    Bucket bucket = engine.bucket(in.path("Bucket").asText(null));
    AwsRequest r = ctx.request();
    String prefix = emptyToNull(r.queryParam("prefix"));
    String delimiter = emptyToNull(r.queryParam("delimiter"));
    boolean url = encodingType(r);
    int max = BucketOperations.parseMax(r.queryParam("max-keys"), 1000, "max-keys");
    String keyMarker = emptyToNull(r.queryParam("key-marker"));
    String versionMarker = emptyToNull(r.queryParam("version-id-marker"));
    Xml entries = Xml.document("x");
    Xml prefixes = Xml.document("x");
    int[] count = {0};
    String[] next = {null, null};
    String after = keyMarker;
    if (keyMarker != null && versionMarker != null) {
      // Resume inside the marker key's versions: walk from the key itself.
      after = bucket.objects().lowerKey(keyMarker);
    }
    String resumeKey = keyMarker;
    String resumeVersion = versionMarker;
    String stop =
        walk(bucket, prefix, delimiter, after, new Visitor() {
          @Override
          public boolean object(String key, List<S3Object> versions) {
            boolean skipping = resumeVersion != null && key.equals(resumeKey);
            for (int i = 0; i < versions.size(); i++) {
              S3Object v = versions.get(i);
              if (skipping) {
                if (v.versionId().equals(resumeVersion)) {
                  skipping = false;
                }
                continue;
              }
              if (count[0] == max) {
                return false;
              }
              count[0]++;
              next[0] = key;
              next[1] = v.versionId();
              String element = v.deleteMarker() ? "DeleteMarker" : "Version";
              entries.open(element).element("Key", encode(key, url)).element("VersionId", v.versionId())
                  .element("IsLatest", i == 0).element("LastModified", S3Engine.iso(v.lastModified()));
              if (!v.deleteMarker()) {
                entries.element("ETag", v.etag()).element("Size", v.size()).element("StorageClass", v.storageClass());
              }
              entries.open("Owner").element("ID", BucketOperations.owner(bucket.account())).element("DisplayName", "webfile").close("Owner");
              entries.close(element);
            }
            return true;
          }

          @Override
          public boolean prefix(String common) {
            if (count[0] == max) {
              return false;
            }
            count[0]++;
            next[0] = common;
            next[1] = null;
            prefixes.open("CommonPrefixes").element("Prefix", encode(common, url)).close("CommonPrefixes");
            return true;
          }
        });
    boolean truncated = stop != null && next[0] != null;
    Xml xml = Xml.document("ListVersionsResult");
    xml.element("IsTruncated", truncated).element("Name", bucket.name()).element("Prefix", encode(prefix == null ? "" : prefix, url))
        .element("KeyMarker", encode(keyMarker == null ? "" : keyMarker, url)).element("VersionIdMarker", versionMarker == null ? "" : versionMarker)
        .element("MaxKeys", max);
    if (truncated) {
      xml.element("NextKeyMarker", encode(next[0], url));
      if (next[1] != null) {
        xml.element("NextVersionIdMarker", next[1]);
      }
    }
    if (delimiter != null) {
      xml.element("Delimiter", encode(delimiter, url));
    }
    if (url) {
      xml.element("EncodingType", "url");
    }
    xml.raw(body(entries)).raw(body(prefixes));
    return S3Reply.xml(xml.end("ListVersionsResult")).node();
  }

  private static boolean encodingType(AwsRequest r) {
    String type = r.queryParam("encoding-type");
    if (type != null && !type.equals("url")) {
      throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", type);
    }
    return type != null;
  }

  /** The inner elements of a scratch document. */
  private static String body(Xml scratch) {
    String doc = scratch.end("x");
    int start = doc.indexOf('>', doc.indexOf("<x ")) + 1;
    return doc.substring(start, doc.length() - "</x>".length());
  }

  /** {@code encoding-type=url}: S3 percent-encodes keys (spaces as +). */
  static String encode(String value, boolean url) {
    if (!url || value == null) {
      return value;
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2F", "/").replace("%7E", "~");
  }

  private static String encodeToken(String key) {
    return Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    try {
      return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
