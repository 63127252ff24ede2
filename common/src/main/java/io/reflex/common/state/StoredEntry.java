package io.reflex.common.state;

import com.hazelcast.query.extractor.ValueCollector;
import com.hazelcast.query.extractor.ValueExtractor;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * How {@link HazelcastStateStore} keeps an entry: the wake's event time and wall time (8 bytes
 * each, {@link Long#MAX_VALUE} when the entry asks for none) in front of the owner's bytes. The
 * wake thus changes in the same entry-processor call as the state, and the map's two sorted indexes
 * (fed by the extractors below) find the due entries without reading their state.
 */
final class StoredEntry {

  static final String WAKE_EVENT_TIME = "wakeEventTime";
  static final String WAKE_WALL_TIME = "wakeWallTime";
  private static final int HEADER = 16;

  private StoredEntry() {}

  static byte[] frame(byte[] value, Wake wake) {
    return ByteBuffer.allocate(HEADER + value.length)
        .putLong(wake == null ? Long.MAX_VALUE : wake.eventTime())
        .putLong(wake == null ? Long.MAX_VALUE : wake.wallTime())
        .put(value)
        .array();
  }

  /** The owner's bytes of a stored entry, or null for none. */
  static byte[] value(byte[] stored) {
    return stored == null ? null : Arrays.copyOfRange(stored, HEADER, stored.length);
  }

  /** The wake of a stored entry, or null for none. */
  static Wake wake(byte[] stored) {
    if (stored == null) {
      return null;
    }
    ByteBuffer header = ByteBuffer.wrap(stored, 0, HEADER);
    long eventTime = header.getLong();
    long wallTime = header.getLong();
    return eventTime == Long.MAX_VALUE && wallTime == Long.MAX_VALUE
        ? null
        : new Wake(eventTime, wallTime);
  }

  /**
   * The {@value #WAKE_EVENT_TIME} attribute, for the index and queries (Hazelcast instantiates it
   * by class name).
   */
  public static final class EventTime implements ValueExtractor<byte[], Object> {
    @Override
    public void extract(byte[] stored, Object argument, ValueCollector collector) {
      collector.addObject(ByteBuffer.wrap(stored).getLong(0));
    }
  }

  /** The {@value #WAKE_WALL_TIME} attribute. */
  public static final class WallTime implements ValueExtractor<byte[], Object> {
    @Override
    public void extract(byte[] stored, Object argument, ValueCollector collector) {
      collector.addObject(ByteBuffer.wrap(stored).getLong(Long.BYTES));
    }
  }
}
