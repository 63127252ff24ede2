package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;

/**
 * A baseline scorer that only the evaluator replays: no snapshots, and nothing to forget per slot
 * because its maps are LRU-bounded and keyed by full refs, which a slot's next item never matches.
 */
interface ReplayOnlyScorer extends ItemScorer {
  @Override
  default void writeTo(DataOutput out) {
    throw new UnsupportedOperationException(Snapshots.BASELINES_ONLY_REPLAYED);
  }

  @Override
  default void readFrom(DataInput in) {
    throw new UnsupportedOperationException(Snapshots.BASELINES_ONLY_REPLAYED);
  }

  @Override
  default void forget(int slot) {}
}
