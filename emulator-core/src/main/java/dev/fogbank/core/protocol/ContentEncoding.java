package dev.fogbank.core.protocol;

import dev.fogbank.core.error.CommonErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Request bodies the AWS SDKs compress: operations with Smithy's {@code requestCompression} trait
 * (CloudWatch PutMetricData) are sent with {@code Content-Encoding: gzip} once they exceed the
 * SDK's threshold (10 KB by default).
 */
public final class ContentEncoding {

  private ContentEncoding() {}

  /** The body as the client meant it: gunzipped when the request says it is gzip-encoded. */
  public static byte[] decoded(AwsRequest request) {
    String encoding = request.header("Content-Encoding");
    if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("gzip") || request.body().length == 0) {
      return request.body();
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw CommonErrors.serialization("Unable to decompress the gzip request body");
    }
  }
}
