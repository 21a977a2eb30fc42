package dev.fogbank.core.protocol.query;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.ContentEncoding;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The query protocol's parameters of a request: its query string's and, when the body is
 * {@code application/x-www-form-urlencoded}, the body's. Sorted, so that "any parameter under
 * this prefix?" is one lookup.
 */
public final class FormParameters {

  private FormParameters() {}

  public static NavigableMap<String, String> of(AwsRequest request) {
    NavigableMap<String, String> params = new TreeMap<>();
    request.query().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
    if (request.body().length > 0 && request.isFormUrlEncoded()) {
      decode(new String(ContentEncoding.decoded(request), StandardCharsets.UTF_8), params);
    }
    return params;
  }

  static void decode(String form, Map<String, String> into) {
    int start = 0;
    int length = form.length();
    while (start <= length) {
      int amp = form.indexOf('&', start);
      if (amp < 0) {
        amp = length;
      }
      if (amp > start) {
        int eq = form.indexOf('=', start);
        if (eq < 0 || eq > amp) {
          into.putIfAbsent(decode(form.substring(start, amp)), "");
        } else {
          into.putIfAbsent(decode(form.substring(start, eq)), decode(form.substring(eq + 1, amp)));
        }
      }
      start = amp + 1;
    }
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new AwsException("MalformedQueryString", "The query string is malformed: " + s, 400);
    }
  }
}
