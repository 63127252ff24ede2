package io.reflex.anomaly.series;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the event timestamps of one series key into an event-rate series: counts per fixed bucket
 * of event time, emitted in order once a bucket is complete, so the rate can be fed to a detector
 * like any metric.
 *
 * <ul>
 *   <li>Buckets are aligned on the epoch ({@code start = floor(t / width) * width}) so every
 *       replica agrees.
 *   <li>A bucket completes when an event (or {@link #advanceTo}) lands in a later bucket. Empty
 *       intervals emit zero-count buckets, since a drop to zero is exactly what a rate detector
 *       must see; a gap longer than {@code maxEmptyBuckets} emits only that many zeros and then
 *       jumps to the new bucket (a silent source must not flood the detector with millions of
 *       zeros).
 *   <li>Out-of-order events inside the open bucket are simply counted. A late event for an already
 *       emitted bucket is counted into the open bucket (and in {@link #lateEvents()}): the rate
 *       must not lose events, and re-emitting a closed bucket would break the detector's in-order
 *       contract.
 * </ul>
 *
 * Not thread-safe: one instance per series key, one caller at a time.
 */
public final class RateBucketer {
  private static final byte FORMAT = 1;

  /**
   * A completed bucket: events with event time in {@code [startMillis, startMillis + width)} (plus
   * late ones).
   */
  public record Bucket(long startMillis, long count) {}

  private final long widthMillis;
  private final int maxEmptyBuckets;
  private boolean open;
  private long openStart;
  private long openCount;
  private long lateEvents;

  public RateBucketer(long widthMillis, int maxEmptyBuckets) {
    if (widthMillis <= 0 || maxEmptyBuckets < 0) {
      throw new IllegalArgumentException("width must be > 0 and maxEmptyBuckets >= 0");
    }
    this.widthMillis = widthMillis;
    this.maxEmptyBuckets = maxEmptyBuckets;
  }

  /** Counts one event; returns the buckets it completed, oldest first (usually none). */
  public List<Bucket> add(long eventTimeMillis) {
    List<Bucket> completed = new ArrayList<>();
    if (!open) {
      open = true;
      openStart = startOf(eventTimeMillis);
    } else if (eventTimeMillis < openStart) {
      lateEvents++;
    } else {
      moveTo(startOf(eventTimeMillis), completed);
    }
    openCount++;
    return completed;
  }

  /**
   * Event time has reached {@code timeMillis} (a watermark): completes the buckets before it, even
   * without events.
   */
  public List<Bucket> advanceTo(long timeMillis) {
    List<Bucket> completed = new ArrayList<>();
    if (open && timeMillis >= openStart) {
      moveTo(startOf(timeMillis), completed);
    }
    return completed;
  }

  private void moveTo(long start, List<Bucket> completed) {
    if (start == openStart) {
      return;
    }
    completed.add(new Bucket(openStart, openCount));
    long empty = (start - openStart) / widthMillis - 1;
    for (long i = 1; i <= Math.min(empty, maxEmptyBuckets); i++) {
      completed.add(new Bucket(openStart + i * widthMillis, 0));
    }
    openStart = start;
    openCount = 0;
  }

  private long startOf(long timeMillis) {
    return Math.floorDiv(timeMillis, widthMillis) * widthMillis;
  }

  /** Events that arrived after their bucket had been emitted (counted into a later bucket). */
  public long lateEvents() {
    return lateEvents;
  }

  public byte[] snapshot() {
    return ByteBuffer.allocate(1 + 1 + 3 * Long.BYTES)
        .put(FORMAT)
        .put((byte) (open ? 1 : 0))
        .putLong(openStart)
        .putLong(openCount)
        .putLong(lateEvents)
        .array();
  }

  /**
   * Continues exactly where the bucketer that made {@code snapshot} stopped; pass the same width
   * and bound.
   */
  public static RateBucketer restore(long widthMillis, int maxEmptyBuckets, byte[] snapshot) {
    ByteBuffer in = ByteBuffer.wrap(snapshot);
    if (in.get() != FORMAT) {
      throw new IllegalArgumentException("not a RateBucketer snapshot");
    }
    RateBucketer b = new RateBucketer(widthMillis, maxEmptyBuckets);
    b.open = in.get() == 1;
    b.openStart = in.getLong();
    b.openCount = in.getLong();
    b.lateEvents = in.getLong();
    return b;
  }
}
