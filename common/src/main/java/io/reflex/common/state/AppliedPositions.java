package io.reflex.common.state;

import io.reflex.common.event.LogPosition;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The highest event-log offset a piece of keyed state has applied, per log partition. The log keeps
 * each partition in order and the router hands a partition's events over in that order, so an event
 * at or below the mark was applied before: a retried or replayed batch changes the state once. An
 * entry's key normally sees one partition (the log is keyed by entity), so this is usually one pair
 * of numbers.
 */
public final class AppliedPositions {

  private int[] partitions;
  private long[] offsets;

  private AppliedPositions(int[] partitions, long[] offsets) {
    this.partitions = partitions;
    this.offsets = offsets;
  }

  public static AppliedPositions none() {
    return new AppliedPositions(new int[0], new long[0]);
  }

  /** Whether no logged event was applied (fast mode, or nothing yet). */
  public boolean isEmpty() {
    return partitions.length == 0;
  }

  /**
   * Whether the event at {@code position} was applied already; never for {@link LogPosition#NONE}.
   */
  public boolean applied(long position) {
    if (position == LogPosition.NONE) {
      return false;
    }
    int index = Arrays.binarySearch(partitions, LogPosition.partition(position));
    return index >= 0 && LogPosition.offset(position) <= offsets[index];
  }

  /** Marks the event at {@code position} (and everything before it in its partition) as applied. */
  public void record(long position) {
    if (position == LogPosition.NONE) {
      return;
    }
    int partition = LogPosition.partition(position);
    long offset = LogPosition.offset(position);
    int index = Arrays.binarySearch(partitions, partition);
    if (index >= 0) {
      offsets[index] = Math.max(offsets[index], offset);
      return;
    }
    int at = -index - 1;
    int[] grownPartitions = new int[partitions.length + 1];
    long[] grownOffsets = new long[offsets.length + 1];
    System.arraycopy(partitions, 0, grownPartitions, 0, at);
    System.arraycopy(offsets, 0, grownOffsets, 0, at);
    grownPartitions[at] = partition;
    grownOffsets[at] = offset;
    System.arraycopy(partitions, at, grownPartitions, at + 1, partitions.length - at);
    System.arraycopy(offsets, at, grownOffsets, at + 1, offsets.length - at);
    partitions = grownPartitions;
    offsets = grownOffsets;
  }

  public void writeTo(DataOutput out) throws IOException {
    out.writeShort(partitions.length);
    for (int i = 0; i < partitions.length; i++) {
      out.writeInt(partitions[i]);
      out.writeLong(offsets[i]);
    }
  }

  public static AppliedPositions readFrom(DataInput in) throws IOException {
    int count = in.readShort();
    int[] partitions = new int[count];
    long[] offsets = new long[count];
    for (int i = 0; i < count; i++) {
      partitions[i] = in.readInt();
      offsets[i] = in.readLong();
    }
    return new AppliedPositions(partitions, offsets);
  }
}
