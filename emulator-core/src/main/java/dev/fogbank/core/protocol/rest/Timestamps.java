package dev.fogbank.core.protocol.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fogbank.core.protocol.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The three timestamp formats of AWS models ({@code iso8601}, {@code rfc822}, {@code
 * unixTimestamp}) and the engine tree's form of a timestamp: epoch seconds as a number. Which
 * format a value travels in depends on where it travels when the model does not say ({@link
 * #defaultFor}).
 */
public final class Timestamps {

  public static final String ISO8601 = "iso8601";
  public static final String RFC822 = "rfc822";
  public static final String UNIX = "unixTimestamp";

  /** {@code Tue, 03 Jun 2008 11:05:30 GMT}: the HTTP date AWS sends, day of month two digits. */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  /** {@code 2017-03-27T17:48:16.751Z}: AWS prints milliseconds, always. */
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.US).withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /**
   * The format where the model gives none: headers carry HTTP dates, query strings and XML
   * ISO-8601, JSON bodies epoch seconds (the AWS SDKs' defaults by location and protocol).
   */
  public static String defaultFor(String location, boolean jsonBody) {
    if ("header".equals(location) || "headers".equals(location)) {
      return RFC822;
    }
    if ("querystring".equals(location) || "uri".equals(location)) {
      return ISO8601;
    }
    return jsonBody ? UNIX : ISO8601;
  }

  /** Parses text in {@code format} (leniently accepting the other two) to an instant. */
  public static Instant parse(String text, String format) {
    String t = text.trim();
    if (UNIX.equals(format) || isNumber(t)) {
      BigDecimal seconds = new BigDecimal(t);
      return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }
    if (RFC822.equals(format) || (t.length() > 3 && Character.isLetter(t.charAt(0)))) {
      try {
        return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        if (RFC822.equals(format) && !Character.isDigit(t.charAt(0))) {
          throw e;
        }
      }
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(t).toInstant();
    }
  }

  /** The engine tree's timestamp: whole epoch seconds as an integer, else seconds with millis. */
  public static JsonNode node(Instant instant) {
    long millis = instant.toEpochMilli();
    if (millis % 1000 == 0) {
      return Json.NODES.numberNode(millis / 1000);
    }
    return Json.NODES.numberNode(BigDecimal.valueOf(millis, 3));
  }

  /** Reads a tree timestamp: epoch seconds, or ISO-8601 text where an engine kept one. */
  public static Instant instant(JsonNode node) {
    if (node.isNumber()) {
      return Instant.ofEpochMilli(node.decimalValue().movePointRight(3).longValue());
    }
    return parse(node.asText(), null);
  }

  /** Formats a tree timestamp as text in {@code format}. */
  public static String format(JsonNode node, String format) {
    Instant instant = instant(node);
    return switch (format) {
      case RFC822 -> HTTP_DATE.format(instant);
      case UNIX -> seconds(instant).toPlainString();
      default -> ISO.format(instant);
    };
  }

  /** Epoch seconds with the millisecond fraction only when there is one. */
  public static BigDecimal seconds(Instant instant) {
    long millis = instant.toEpochMilli();
    return millis % 1000 == 0 ? BigDecimal.valueOf(millis / 1000) : BigDecimal.valueOf(millis, 3);
  }

  private static boolean isNumber(String t) {
    if (t.isEmpty()) {
      return false;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!Character.isDigit(c) && c != '.' && !(i == 0 && c == '-')) {
        return false;
      }
    }
    return true;
  }
}
