package dev.fogbank.s3.upload;

import dev.fogbank.s3.S3Errors;
import dev.fogbank.s3.S3Exception;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body read as a stream (RFC 7578), as browsers send S3 POST
 * uploads: the form fields, then the {@code file} part, whose content goes straight to a sink.
 * Fields after the file are ignored, as S3 ignores them.
 */
public final class FormParts {

  private static final int MAX_FIELD = 20 * 1024;

  private final InputStream in;
  private final byte[] delimiter;
  private final Map<String, String> fields = new LinkedHashMap<>();
  private String filename;
  private String fileContentType;

  private FormParts(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The boundary of a {@code multipart/form-data} content type, or null. */
  public static String boundary(String contentType) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring(9);
        return b.startsWith("\"") && b.endsWith("\"") ? b.substring(1, b.length() - 1) : b;
      }
    }
    return null;
  }

  /**
   * Reads fields up to the file part and streams the file into {@code file}; returns the form
   * (fields by lower-case name). Throws when there is no file part.
   */
  public static FormParts read(InputStream body, String boundary, OutputStream file) throws IOException {
    FormParts form = new FormParts(body, boundary);
    form.skipPreamble();
    while (true) {
      Map<String, String> headers = form.partHeaders();
      if (headers == null) {
        throw new S3Exception("InvalidArgument", "POST requires exactly one file upload per request.", 400)
            .with("ArgumentName", "file").with("ArgumentValue", "0");
      }
      String disposition = headers.getOrDefault("content-disposition", "");
      String name = param(disposition, "name");
      if ("file".equals(name)) {
        form.filename = param(disposition, "filename");
        form.fileContentType = headers.get("content-type");
        form.copyPart(file, Long.MAX_VALUE);
        return form;
      }
      ByteArrayOutputStream value = new ByteArrayOutputStream();
      form.copyPart(value, MAX_FIELD);
      if (name != null) {
        form.fields.put(name.toLowerCase(Locale.ROOT), value.toString(StandardCharsets.UTF_8));
      }
    }
  }

  public Map<String, String> fields() {
    return fields;
  }

  public String filename() {
    return filename;
  }

  public String fileContentType() {
    return fileContentType;
  }

  /** Skips to just after the first boundary line. */
  private void skipPreamble() throws IOException {
    // The body opens with "--boundary" without the CRLF the delimiter starts with.
    int matched = 2;
    for (int c; (c = in.read()) >= 0; ) {
      if (c == delimiter[matched]) {
        if (++matched == delimiter.length) {
          return;
        }
      } else {
        matched = c == delimiter[2] ? 3 : 2;
      }
    }
    throw S3Errors.malformedPostRequest();
  }

  /** After a boundary: the next part's headers, or null at the closing boundary. */
  private Map<String, String> partHeaders() throws IOException {
    int a = in.read();
    int b = in.read();
    if (a == '-' && b == '-') {
      return null;
    }
    if (a != '\r' || b != '\n') {
      throw S3Errors.malformedPostRequest();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private String line() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int c; (c = in.read()) >= 0; ) {
      if (c == '\n') {
        return out.toString(StandardCharsets.UTF_8);
      }
      if (c != '\r') {
        out.write(c);
      }
      if (out.size() > 8192) {
        break;
      }
    }
    throw S3Errors.malformedPostRequest();
  }

  /**
   * Copies a part's content up to the next delimiter. The delimiter's first byte (CR) occurs
   * nowhere else in it, so on a mismatch the matched prefix is content and matching restarts.
   */
  private void copyPart(OutputStream out, long limit) throws IOException {
    int matched = 0;
    long written = 0;
    byte[] buf = new byte[8192];
    int n = 0;
    for (int c; (c = in.read()) >= 0; ) {
      if (c == (delimiter[matched] & 0xff)) {
        if (++matched == delimiter.length) {
          out.write(buf, 0, n);
          return;
        }
        continue;
      }
      if (matched > 0) {
        for (int i = 0; i < matched; i++) {
          if (n == buf.length) {
            out.write(buf, 0, n);
            n = 0;
          }
          buf[n++] = delimiter[i];
        }
        written += matched;
        matched = c == (delimiter[0] & 0xff) ? 1 : 0;
        if (matched == 1) {
          continue;
        }
      }
      if (n == buf.length) {
        out.write(buf, 0, n);
        n = 0;
      }
      buf[n++] = (byte) c;
      if (++written > limit) {
        throw S3Errors.malformedPostRequest();
      }
    }
    throw S3Errors.incompleteBody();
  }

  private static String param(String header, String name) {
    for (String part : header.split(";")) {
      String p = part.trim();
      if (p.regionMatches(true, 0, name + "=", 0, name.length() + 1)) {
        String v = p.substring(name.length() + 1);
        return v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2 ? v.substring(1, v.length() - 1) : v;
      }
    }
    return null;
  }
}
