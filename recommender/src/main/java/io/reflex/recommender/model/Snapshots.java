package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Whole-model snapshots of the default model, which is what a recommender replica sends a replica
 * that joins (architecture.md section 3): the settings are the receiver's configuration, the same
 * on every replica, and a few bounds are written along so that a replica configured differently
 * refuses the snapshot instead of misreading it (or, for the co-occurrence window, instead of
 * answering like the original at first and then learning other pairs).
 */
public final class Snapshots {
  static final String BASELINES_ONLY_REPLAYED =
      "baselines are only replayed by the evaluator; snapshots are of the default model";
  // 2: relations hold a lasting memory beside the decaying one; 3: a last-item rules lane, items
  // met for good per user; 4: the co-occurrence window is written along; 5: relation lists carry
  // their ranked head
  private static final int FORMAT = 5;

  private Snapshots() {}

  /**
   * Writes {@code model} (made by {@link Recommenders#createDefault}) exactly: {@link #read} gives
   * a model that answers and goes on learning bit for bit like it. Recommendations may be served
   * from the model meanwhile, but it must not learn until this returns.
   */
  public static void write(Recommender model, ModelSettings settings, DataOutput out)
      throws IOException {
    out.writeInt(FORMAT);
    out.writeInt(settings.maxItems());
    out.writeInt(settings.maxHistoryPerUser());
    out.writeInt(settings.neighboursPerItem());
    out.writeInt(settings.coOccurrenceWindow());
    ((ScoredRecommender) model).writeTo(out);
  }

  /** A default model with {@code settings} holding the state {@link #write} wrote. */
  public static Recommender read(ModelSettings settings, DataInput in) throws IOException {
    int format = in.readInt();
    if (format != FORMAT) {
      throw new IOException("unknown model snapshot format " + format);
    }
    int maxItems = in.readInt();
    int maxHistory = in.readInt();
    int neighbours = in.readInt();
    int coOccurrenceWindow = in.readInt();
    if (maxItems != settings.maxItems()
        || maxHistory != settings.maxHistoryPerUser()
        || neighbours != settings.neighboursPerItem()
        || coOccurrenceWindow != settings.coOccurrenceWindow()) {
      throw new IOException(
          "snapshot of a model with maxItems "
              + maxItems
              + ", maxHistoryPerUser "
              + maxHistory
              + ", neighboursPerItem "
              + neighbours
              + ", coOccurrenceWindow "
              + coOccurrenceWindow
              + " does not fit this configuration");
    }
    ScoredRecommender model = (ScoredRecommender) Recommenders.createDefault(settings);
    model.readFrom(in);
    return model;
  }
}
