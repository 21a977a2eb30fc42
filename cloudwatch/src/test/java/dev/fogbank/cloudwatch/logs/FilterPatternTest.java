package dev.fogbank.cloudwatch.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.core.error.AwsException;
import org.junit.jupiter.api.Test;

/** Filter pattern syntax, as the CloudWatch Logs User Guide describes it. */
class FilterPatternTest {

  private static boolean matches(String pattern, String message) {
    return FilterPattern.compile(pattern).test(message);
  }

  @Test
  void termsMustAllOccurCaseSensitively() {
    assertTrue(matches("ERROR", "[ERROR] disk full"));
    assertTrue(matches("ERROR disk", "[ERROR] disk full"));
    assertFalse(matches("ERROR memory", "[ERROR] disk full"));
    assertFalse(matches("error", "[ERROR] disk full"));
    assertTrue(matches("", "anything"));
  }

  @Test
  void quotedTermsHoldSpacesAndPunctuation() {
    assertTrue(matches("\"disk full\"", "[ERROR] disk full"));
    assertFalse(matches("\"full disk\"", "[ERROR] disk full"));
    assertTrue(matches("\"[ERROR]\"", "[ERROR] disk full"));
  }

  @Test
  void questionMarkTermsMatchAny() {
    assertTrue(matches("?ERROR ?WARN", "WARN low"));
    assertTrue(matches("?ERROR ?WARN", "ERROR high"));
    assertFalse(matches("?ERROR ?WARN", "INFO fine"));
  }

  @Test
  void minusTermsExclude() {
    assertTrue(matches("ERROR -Retry", "ERROR failed"));
    assertFalse(matches("ERROR -Retry", "ERROR failed, Retry 2"));
  }

  @Test
  void regularExpressionsBetweenPercentSigns() {
    assertTrue(matches("%user-[0-9]+%", "login user-42"));
    assertFalse(matches("%user-[0-9]+%", "login user-x"));
  }

  @Test
  void jsonComparisonsOnStringsAndNumbers() {
    String event = "{\"eventType\":\"UpdateTrail\",\"latency\":250,\"user\":{\"id\":\"u1\"},\"tags\":[\"a\",\"b\"],\"ok\":true,\"gone\":null}";
    assertTrue(matches("{ $.eventType = \"UpdateTrail\" }", event));
    assertTrue(matches("{ $.eventType = Update* }", event));
    assertTrue(matches("{ $.eventType != \"DeleteTrail\" }", event));
    assertTrue(matches("{ $.latency > 200 }", event));
    assertFalse(matches("{ $.latency < 200 }", event));
    assertTrue(matches("{ $.latency >= 250 && $.user.id = \"u1\" }", event));
    assertTrue(matches("{ ($.latency < 10) || ($.tags[1] = \"b\") }", event));
    assertTrue(matches("{ $.ok IS TRUE }", event));
    assertTrue(matches("{ $.gone IS NULL }", event));
    assertTrue(matches("{ $.missing NOT EXISTS }", event));
    assertFalse(matches("{ $.eventType = \"UpdateTrail\" }", "not json at all"));
  }

  @Test
  void malformedPatternsAreInvalidParameters() {
    for (String bad : new String[] {"{ $.a = ", "{ a = 1 }", "{ $.a = 1", "\"unterminated", "{ $.a > \"x\" }"}) {
      AwsException e = assertThrows(AwsException.class, () -> FilterPattern.compile(bad), bad);
      assertEquals("InvalidParameterException", e.code());
    }
  }
}
