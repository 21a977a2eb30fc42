package dev.fogbank.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {

  @Test
  void makesTheValueOnFirstUseOnly() {
    AtomicInteger made = new AtomicInteger();
    Lazy<Object> lazy = Lazy.of(() -> {
      made.incrementAndGet();
      return new Object();
    });
    assertEquals(0, made.get(), "nothing is made before the first get");
    Object first = lazy.get();
    assertSame(first, lazy.get());
    assertEquals(1, made.get());
  }
}
