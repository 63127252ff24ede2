package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Popularity with exponential event-time decay, or all-time counts when the half-life is infinite
 * (POP). Uses forward decay (Cormode et al. 2009): a weight arriving at t is stored as w * 2^((t -
 * origin) / halfLife), which orders items exactly as decayed counts would without ever touching the
 * other items. When the exponent grows large the origin moves forward and all counts are scaled
 * once (ranks unchanged). Bounded by the catalogue: an evicted item is forgotten here too.
 */
final class DecayedPopularity extends PopularityRanking {
  private static final double MAX_EXPONENT =
      500; // 2^500 is far from double overflow, even summed over many events

  private final double halfLifeMillis;
  private long origin = Long.MIN_VALUE;

  DecayedPopularity(ItemCatalog items, double halfLifeMillis) {
    super(items);
    this.halfLifeMillis = halfLifeMillis;
  }

  @Override
  void record(long item, double weight, long timeMillis) {
    if (origin == Long.MIN_VALUE) {
      origin = timeMillis;
    }
    double exponent = (timeMillis - origin) / halfLifeMillis; // 0 for an infinite half-life
    if (exponent > MAX_EXPONENT) {
      counts.scale(Math.pow(2, -exponent));
      origin = timeMillis;
      exponent = 0;
    }
    counts.add(item, weight * Math.pow(2, exponent));
  }

  @Override
  void writeTo(DataOutput out) throws IOException {
    out.writeLong(origin);
    counts.writeTo(out);
  }

  @Override
  void readFrom(DataInput in) throws IOException {
    origin = in.readLong();
    counts.readFrom(in);
  }
}
