package dev.fogbank.s3.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.S3Object;

/** ListObjects v1 and v2: prefix, delimiter, CommonPrefixes, max-keys, markers and tokens, url encoding. */
class S3ListingIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  private static final List<String> KEYS = List.of("a.txt", "b/1.txt", "b/2.txt", "b/c/3.txt", "d e.txt", "z.txt");
  private static String bucket;
  private final S3Client s3 = S3Clients.pathStyle(fogbank);

  @BeforeAll
  static void fill() {
    S3Client s3 = S3Clients.pathStyle(fogbank);
    bucket = S3Clients.bucketName("listing");
    s3.createBucket(b -> b.bucket(bucket));
    for (String key : KEYS) {
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
    }
  }

  @Test
  void v2ListsEverythingInKeyOrder() {
    var all = s3.listObjectsV2(b -> b.bucket(bucket));
    assertEquals(KEYS, all.contents().stream().map(S3Object::key).toList());
    assertEquals(6, all.keyCount());
    assertFalse(all.isTruncated());
  }

  @Test
  void delimiterRollsKeysUpIntoCommonPrefixes() {
    var top = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
    assertEquals(List.of("a.txt", "d e.txt", "z.txt"), top.contents().stream().map(S3Object::key).toList());
    assertEquals(List.of("b/"), top.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
    var inB = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/").prefix("b/"));
    assertEquals(List.of("b/1.txt", "b/2.txt"), inB.contents().stream().map(S3Object::key).toList());
    assertEquals(List.of("b/c/"), inB.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
  }

  @Test
  void v2PaginatesWithContinuationTokens() {
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      var page = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(2).continuationToken(t));
      page.contents().forEach(o -> seen.add(o.key()));
      token = page.nextContinuationToken();
      pages++;
      assertEquals(page.isTruncated(), token != null);
    } while (token != null);
    assertEquals(KEYS, seen);
    assertEquals(3, pages);
    assertEquals(List.of("d e.txt", "z.txt"),
        s3.listObjectsV2(b -> b.bucket(bucket).startAfter("b/c/3.txt")).contents().stream().map(S3Object::key).toList());
  }

  @Test
  void v1PaginatesWithMarkers() {
    var first = s3.listObjects(b -> b.bucket(bucket).maxKeys(4));
    assertTrue(first.isTruncated());
    var rest = s3.listObjects(b -> b.bucket(bucket).marker(first.contents().get(3).key()));
    assertEquals(List.of("d e.txt", "z.txt"), rest.contents().stream().map(S3Object::key).toList());
    var byDelimiter = s3.listObjects(b -> b.bucket(bucket).delimiter("/").maxKeys(2));
    assertEquals("b/", byDelimiter.nextMarker());
  }

  @Test
  void urlEncodingTypeIsDecodedBySdk() {
    // The SDK decodes url-encoded keys itself when it asked for encoding-type=url.
    var listed = s3.listObjectsV2(b -> b.bucket(bucket).prefix("d").encodingType(EncodingType.URL));
    assertEquals(List.of("d e.txt"), listed.contents().stream().map(S3Object::key).toList());
  }

  @Test
  void maxKeysZeroReturnsNothing() {
    var none = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(0));
    assertEquals(0, none.keyCount());
  }
}
