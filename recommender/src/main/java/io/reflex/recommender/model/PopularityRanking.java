package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A best-first list of items by some notion of popularity: the cold-start answer and the top-up of
 * every list.
 */
abstract class PopularityRanking {
  /**
   * The ranked counts both kinds of popularity keep; they differ only in how an event changes them.
   */
  protected final RankedCounts counts;

  PopularityRanking(ItemCatalog items) {
    this.counts = new RankedCounts(items);
  }

  /**
   * Counts one interaction of {@code weight} with the item of catalogue ref {@code item} at {@code
   * timeMillis}.
   */
  abstract void record(long item, double weight, long timeMillis);

  /**
   * The ranked counts, best first; {@code count / topCount()} is the share of the top item, in (0,
   * 1].
   */
  RankedCounts ranked() {
    return counts;
  }

  /** Exact state for a model snapshot. */
  abstract void writeTo(DataOutput out) throws IOException;

  abstract void readFrom(DataInput in) throws IOException;

  /** Drops the item in catalogue slot {@code slot}: the catalogue is giving the slot away. */
  void forget(int slot) {
    counts.forget(slot);
  }
}
