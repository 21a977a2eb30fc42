package dev.fogbank.s3;

/**
 * A byte range of a GET ({@code bytes=first-last}, open {@code bytes=first-}, suffix {@code
 * bytes=-n}). S3 serves the whole object for a header it cannot parse, and answers 416
 * InvalidRange when the first byte is past the end.
 */
record Range(long first, long last) {

  long length() {
    return last - first + 1;
  }

  /** The range to serve, or null for the whole object. */
  static Range parse(String header, long size) {
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return null;
    }
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) {
        if (b.isEmpty()) {
          return null;
        }
        long suffix = Long.parseLong(b);
        if (suffix == 0) {
          throw S3Errors.invalidRange(size, header);
        }
        return size == 0 ? null : new Range(Math.max(0, size - suffix), size - 1);
      }
      long first = Long.parseLong(a);
      long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
      if (!b.isEmpty() && Long.parseLong(b) < first) {
        return null;
      }
      if (first >= size) {
        throw S3Errors.invalidRange(size, header);
      }
      return new Range(first, last);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
