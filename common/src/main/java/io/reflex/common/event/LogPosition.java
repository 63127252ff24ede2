package io.reflex.common.event;

/**
 * Where an event sits in the event log, packed in one {@code long}: partition in the high 24 bits,
 * offset in the low 40. State changed by a logged event remembers the highest position it applied
 * per partition, so a retry or a replay of the same record is recognised and applied once. {@link
 * #NONE} marks an event that is not from the log (fast mode, a derived event).
 */
public final class LogPosition {

  public static final long NONE = -1L;
  private static final int OFFSET_BITS = 40;
  private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;

  private LogPosition() {}

  public static long of(int partition, long offset) {
    if (partition < 0 || partition >= 1 << 23 || offset < 0 || offset > OFFSET_MASK) {
      throw new IllegalArgumentException(
          "no log position for partition " + partition + ", offset " + offset);
    }
    return ((long) partition << OFFSET_BITS) | offset;
  }

  public static int partition(long position) {
    return (int) (position >>> OFFSET_BITS);
  }

  public static long offset(long position) {
    return position & OFFSET_MASK;
  }
}
