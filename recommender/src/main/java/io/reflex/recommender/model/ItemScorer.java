package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The item part of a model: learns item relations from events and scores candidates for a user's
 * history.
 */
interface ItemScorer {
  /** A scorer that knows nothing: the model is its popularity ranking alone (POP, RPOP). */
  ItemScorer NONE =
      new ItemScorer() {
        @Override
        public void learn(long item, Interaction e, UserHistory before) {}

        @Override
        public void score(UserHistory history, String session, CandidateScores out) {}

        @Override
        public void forget(int slot) {}
      };

  /**
   * Learns {@code e}, whose item has catalogue ref {@code item}; {@code before} is the user's
   * history without {@code e} (empty for a new user).
   */
  void learn(long item, Interaction e, UserHistory before);

  /**
   * Adds scores for candidates given the user's history; {@code session} is the caller's, nullable.
   */
  void score(UserHistory history, String session, CandidateScores out);

  /**
   * Drops what is known about the item in catalogue slot {@code slot}: the catalogue is giving the
   * slot away.
   */
  void forget(int slot);

  /** Exact learned state for a model snapshot; nothing for scorers that learn nothing. */
  default void writeTo(DataOutput out) throws IOException {}

  default void readFrom(DataInput in) throws IOException {}

  /**
   * Whether items the user already met should not be recommended (learned: this stream does not
   * re-consume).
   */
  default boolean avoidsSeen() {
    return false;
  }

  /** Score lanes this scorer writes ({@link CandidateScores#lane}); one unless it blends others. */
  default int lanes() {
    return 1;
  }
}
