package io.reflex.common.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap in use after a full collection, for tests that prove an input cannot grow the server's
 * memory (the mesh under test runs in the test's JVM). Collections are requested a few times
 * because one request may be partial.
 */
public final class Heap {

  private Heap() {}

  public static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      memory.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
