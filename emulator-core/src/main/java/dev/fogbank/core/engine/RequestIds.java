package dev.fogbank.core.engine;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in AWS's UUID form. Unique, not secret: drawn from {@link ThreadLocalRandom} rather
 * than {@link UUID#randomUUID()}'s SecureRandom, which every request would otherwise contend on.
 */
public final class RequestIds {

  private RequestIds() {}

  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(msb, lsb).toString();
  }
}
