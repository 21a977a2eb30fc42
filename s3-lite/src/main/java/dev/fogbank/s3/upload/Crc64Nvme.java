package dev.fogbank.s3.upload;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME (poly 0xad93d23594c93659, reflected, init and xorout all ones), the CRC64NVME
 * checksum S3 supports; check value of "123456789" is 0xae8b14860a799888.
 */
public final class Crc64Nvme implements Checksum {

  private static final long[] TABLE = new long[256];

  static {
    long poly = Long.reverse(0xad93d23594c93659L);
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ poly : crc >>> 1;
      }
      TABLE[i] = crc;
    }
  }

  private long crc = -1L;

  @Override
  public void update(int b) {
    crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
  }

  @Override
  public void update(byte[] b, int off, int len) {
    long c = crc;
    for (int i = off; i < off + len; i++) {
      c = TABLE[(int) ((c ^ b[i]) & 0xff)] ^ (c >>> 8);
    }
    crc = c;
  }

  @Override
  public long getValue() {
    return ~crc;
  }

  @Override
  public void reset() {
    crc = -1L;
  }
}
