package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;

/**
 * Popularity over the last {@code window} events exactly (RPOP): a ring of the events, counts kept
 * ranked.
 */
final class WindowPopularity extends PopularityRanking {
  private final long[] items; // catalogue refs + 1, 0 = empty
  private final double[] weights;
  private long recorded;

  WindowPopularity(ItemCatalog catalog, int window) {
    super(catalog);
    this.items = new long[window];
    this.weights = new double[window];
  }

  @Override
  void record(long item, double weight, long timeMillis) {
    int slot = (int) (recorded++ % items.length);
    if (items[slot] != 0) {
      counts.add(items[slot] - 1, -weights[slot]); // ignored if that item was evicted meanwhile
    }
    items[slot] = item + 1;
    weights[slot] = weight;
    counts.add(item, weight);
  }

  @Override
  void writeTo(DataOutput out) {
    throw new UnsupportedOperationException(Snapshots.BASELINES_ONLY_REPLAYED);
  }

  @Override
  void readFrom(DataInput in) {
    throw new UnsupportedOperationException(Snapshots.BASELINES_ONLY_REPLAYED);
  }
}
