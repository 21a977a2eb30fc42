package dev.fogbank.s3.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChecksumsTest {

  private static String of(ChecksumAlgorithm alg, String text) {
    ChecksumAlgorithm.Running r = alg.start();
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    r.update(b, 0, b.length);
    return r.base64();
  }

  @Test
  void crc64NvmeHasTheCatalogueCheckValue() {
    // CRC-64/NVME check value for "123456789" (CRC RevEng catalogue): 0xae8b14860a799888.
    Crc64Nvme crc = new Crc64Nvme();
    byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
    crc.update(b, 0, b.length);
    assertEquals(0xae8b14860a799888L, crc.getValue());
  }

  @Test
  void checksumsAreBase64OfTheBigEndianValue() {
    // CRC32("123456789") = 0xCBF43926, CRC32C = 0xE3069283 (check values of the catalogue).
    assertEquals("y/Q5Jg==", of(ChecksumAlgorithm.CRC32, "123456789"));
    assertEquals("4waSgw==", of(ChecksumAlgorithm.CRC32C, "123456789"));
    assertEquals("rosUhgp5mIg=", of(ChecksumAlgorithm.CRC64NVME, "123456789"));
    // SHA-256 of the empty string, base64.
    assertEquals("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", of(ChecksumAlgorithm.SHA256, ""));
  }

  @Test
  void algorithmNamesParseAsTheSdkSendsThem() {
    assertEquals(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.of("crc32c"));
    assertEquals(ChecksumAlgorithm.CRC64NVME, ChecksumAlgorithm.of("CRC64NVME"));
    assertEquals("x-amz-checksum-sha1", ChecksumAlgorithm.SHA1.header());
    assertEquals(null, ChecksumAlgorithm.of("md4"));
  }
}
