package dev.fogbank.apigw.invoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** contentHandling conversions and media type parsing of the non-proxy mapping. */
class MappingTest {

  @Test
  void contentHandlingConvertsBetweenBinaryAndBase64Text() {
    byte[] binary = {0, 1, 2, (byte) 0xff};
    byte[] text = Mapping.convert(binary, "CONVERT_TO_TEXT", true);
    assertEquals("AAEC/w==", new String(text, StandardCharsets.US_ASCII));
    assertArrayEquals(binary, Mapping.convert(text, "CONVERT_TO_BINARY", false));
    // a text payload is left alone by CONVERT_TO_TEXT, and anything by no conversion
    assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), Mapping.convert("hi".getBytes(StandardCharsets.UTF_8), "CONVERT_TO_TEXT", false));
    assertArrayEquals(binary, Mapping.convert(binary, null, true));
  }

  @Test
  void mediaTypeDropsParametersAndCase() {
    assertEquals("application/json", Mapping.mediaType("Application/JSON; charset=UTF-8"));
    assertEquals(null, Mapping.mediaType(" "));
  }
}
