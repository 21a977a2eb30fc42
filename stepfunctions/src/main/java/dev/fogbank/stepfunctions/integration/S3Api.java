package dev.fogbank.stepfunctions.integration;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.util.Lazy;
import dev.fogbank.stepfunctions.asl.StatesError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The S3 calls of Distributed Map (ItemReader's GetObject and ListObjectsV2, ResultWriter's
 * PutObject), made as Step Functions makes them: through S3's REST API, here Fogbank's own. S3's
 * streaming REST surface has no in-process form, so these go over the loopback to this server,
 * signed for the execution's account.
 */
final class S3Api {

  /** An S3 error answer: its code, message and status. */
  static final class S3Error extends RuntimeException {
    final String code;
    final int status;

    S3Error(String code, String message, int status) {
      super(message, null, false, false);
      this.code = code;
      this.status = status;
    }

    /** The error as the AWS SDK for Java v2 prints it, the cause Step Functions reports. */
    String sdkMessage() {
      return getMessage() + " (Service: S3, Status Code: " + status + ", Request ID: " + ErrorNaming.requestId() + ")";
    }
  }

  private static final java.time.format.DateTimeFormatter SCOPE_DATE =
      java.time.format.DateTimeFormatter.BASIC_ISO_DATE.withZone(java.time.ZoneOffset.UTC);

  private final LocalEndpoint endpoint;
  private final Clock clock;
  /** Made on first use: building an HttpClient costs start-up time no workflow may need. */
  private final Lazy<HttpClient> http = Lazy.of(() -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());

  S3Api(LocalEndpoint endpoint, Clock clock) {
    this.endpoint = endpoint;
    this.clock = clock;
  }

  /** An object's bytes and the response headers S3 sent with them. */
  record Answer(byte[] body, java.net.http.HttpHeaders headers) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  byte[] getObject(String account, String region, String bucket, String key) {
    return exchange(account, region, HttpRequest.newBuilder(uri(bucket, key, null)).GET()).body();
  }

  Answer getObjectWithHeaders(String account, String region, String bucket, String key) {
    return exchange(account, region, HttpRequest.newBuilder(uri(bucket, key, null)).GET());
  }

  Answer putObject(String account, String region, String bucket, String key, byte[] body, String contentType) {
    return exchange(account, region, HttpRequest.newBuilder(uri(bucket, key, null)).header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /**
   * Every object under the prefix, as ListObjectsV2 pages them, each as Distributed Map presents a
   * listed object: Etag, Key, LastModified (epoch seconds), Size, StorageClass.
   */
  ArrayNode listObjects(String account, String region, String bucket, String prefix) {
    ArrayNode items = Json.MAPPER.createArrayNode();
    String token = null;
    do {
      StringBuilder q = new StringBuilder("list-type=2");
      if (prefix != null) {
        q.append("&prefix=").append(encode(prefix));
      }
      if (token != null) {
        q.append("&continuation-token=").append(encode(token));
      }
      Document doc = xml(send(account, region, HttpRequest.newBuilder(uri(bucket, null, q.toString())).GET()));
      NodeList contents = doc.getDocumentElement().getElementsByTagName("Contents");
      for (int i = 0; i < contents.getLength(); i++) {
        Element c = (Element) contents.item(i);
        ObjectNode item = items.addObject();
        item.put("Etag", text(c, "ETag"));
        item.put("Key", text(c, "Key"));
        item.put("LastModified", Instant.parse(text(c, "LastModified")).getEpochSecond());
        item.put("Size", Long.parseLong(text(c, "Size")));
        item.put("StorageClass", text(c, "StorageClass"));
      }
      token = "true".equals(text(doc.getDocumentElement(), "IsTruncated"))
          ? text(doc.getDocumentElement(), "NextContinuationToken") : null;
    } while (token != null);
    return items;
  }

  private URI uri(String bucket, String key, String query) {
    StringBuilder s = new StringBuilder(endpoint.url()).append('/').append(encodePath(bucket));
    if (key != null) {
      s.append('/').append(encodePath(key));
    }
    if (query != null) {
      s.append('?').append(query);
    }
    return URI.create(s.toString());
  }

  private byte[] send(String account, String region, HttpRequest.Builder request) {
    return exchange(account, region, request).body();
  }

  private Answer exchange(String account, String region, HttpRequest.Builder request) {
    // The account is the access key id (12 digits name the account); Fogbank parses, not enforces, signatures
    String date = SCOPE_DATE.format(Instant.ofEpochMilli(clock.millis()));
    request.header("Authorization", "AWS4-HMAC-SHA256 Credential=" + account + "/" + date + "/" + region
        + "/s3/aws4_request, SignedHeaders=host, Signature=0");
    HttpResponse<byte[]> response;
    try {
      response = http.get().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new StatesError("States.Runtime", "S3 is not reachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StatesError("States.Runtime", "Interrupted while calling S3");
    }
    if (response.statusCode() / 100 != 2) {
      String code = "ServiceUnavailable";
      String message = "S3 answered " + response.statusCode();
      if (response.body().length > 0) {
        try {
          Element root = xml(response.body()).getDocumentElement();
          code = text(root, "Code");
          message = text(root, "Message");
        } catch (RuntimeException ignored) {
          // not an S3 error document: keep the status
        }
      }
      throw new S3Error(code, message, response.statusCode());
    }
    return new Answer(response.body(), response.headers());
  }

  private static Document xml(byte[] body) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(false);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    } catch (Exception e) {
      throw new IllegalStateException("S3 answered a document that is not XML", e);
    }
  }

  private static String text(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent();
      }
    }
    return null;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String encodePath(String s) {
    return encode(s).replace("%2F", "/");
  }
}
