package dev.fogbank.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Range header semantics of RFC 9110 §14 as S3 applies them. */
class RangeTest {

  @Test
  void closedOpenAndSuffixRanges() {
    assertEquals(new Range(2, 4), Range.parse("bytes=2-4", 10));
    assertEquals(new Range(6, 9), Range.parse("bytes=6-", 10));
    assertEquals(new Range(7, 9), Range.parse("bytes=-3", 10));
    assertEquals(new Range(0, 9), Range.parse("bytes=-30", 10));
    assertEquals(new Range(5, 9), Range.parse("bytes=5-100", 10));
  }

  @Test
  void unparsableRangesServeTheWholeObject() {
    assertNull(Range.parse("items=1-2", 10));
    assertNull(Range.parse("bytes=1-2,4-5", 10));
    assertNull(Range.parse("bytes=5-2", 10));
  }

  @Test
  void aStartPastTheEndIsInvalidRange() {
    S3Exception e = assertThrows(S3Exception.class, () -> Range.parse("bytes=10-", 10));
    assertEquals("InvalidRange", e.code());
    assertEquals(416, e.status());
  }
}
