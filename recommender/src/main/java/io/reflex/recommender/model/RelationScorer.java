package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Shared part of the item-to-item models (co-occurrence kNN, sequential rules): bounded per-item
 * relations, indexed by catalogue slot, and scoring as the recency-weighted sum of the relations of
 * the user's last {@code historyItems} distinct items.
 */
abstract class RelationScorer implements ItemScorer {
  protected final ModelSettings settings;
  protected final ItemCatalog items;
  protected final double[] typeWeights; // by InteractionType ordinal: learning reads no map
  private ItemRelations[] relations = new ItemRelations[0];
  private final double halfLifeMillis;
  private final long[] recent; // scratch: the user's recent distinct items while scoring

  RelationScorer(ModelSettings settings, ItemCatalog items, int historyItems) {
    this.settings = settings;
    this.items = items;
    this.typeWeights = settings.weightsByType();
    this.halfLifeMillis = settings.halfLifeMillis();
    this.recent = new long[historyItems];
  }

  /**
   * The relations of live item {@code item} for writing: created if absent and decayed to {@code
   * now}.
   */
  protected ItemRelations relationsForUpdate(long item, long now) {
    int slot = ItemCatalog.slot(item);
    if (slot >= relations.length) {
      relations = Arrays.copyOf(relations, Math.max(items.slotCount(), 2 * relations.length));
    }
    ItemRelations r = relations[slot];
    if (r == null) {
      r = new ItemRelations(settings.neighboursPerItem());
      relations[slot] = r;
    }
    r.decayTo(now, halfLifeMillis);
    return r;
  }

  /** The relations of {@code item}, or null when it has none or the ref is stale. */
  protected ItemRelations relationsOf(long item) {
    int slot = ItemCatalog.slot(item);
    return slot < relations.length && items.isLive(item) ? relations[slot] : null;
  }

  @Override
  public void forget(int slot) {
    if (slot < relations.length) {
      relations[slot] = null;
    }
  }

  @Override
  public void score(UserHistory history, String session, CandidateScores out) {
    scoreOver(history, recent, false, out);
  }

  /**
   * The same relations scored over the user's last {@code historyItems} distinct items, from the
   * decaying or the {@code lasting} memory ({@link ItemRelations}): a lane of its own for the
   * adaptive blend, learning nothing (this scorer learns) and costing only its reads.
   */
  ItemScorer view(int historyItems, boolean lasting) {
    long[] buffer = new long[historyItems];
    return new ItemScorer() {
      @Override
      public void learn(long item, Interaction e, UserHistory before) {}

      @Override
      public void score(UserHistory history, String session, CandidateScores out) {
        scoreOver(history, buffer, lasting, out);
      }

      @Override
      public void forget(int slot) {}
    };
  }

  /**
   * Sums the relations of the user's last {@code recent.length} distinct items, linearly by
   * recency.
   */
  private void scoreOver(UserHistory history, long[] recent, boolean lasting, CandidateScores out) {
    int count = history.recentDistinctItems(recent);
    for (int age = 0; age < count; age++) {
      ItemRelations from = relationsOf(recent[age]);
      if (from == null) {
        continue;
      }
      double recency = recency(age, recent.length);
      for (int i = 0; i < from.size(); i++) {
        double strength = strength(from, i, lasting);
        if (strength > 0) {
          out.add(from.related(i), recency * strength);
        }
      }
    }
  }

  /**
   * How much the relations of the item {@code age} distinct items back count, of {@code window}:
   * linear (Ludewig and Jannach's decay) unless a relation says otherwise.
   */
  protected double recency(int age, int window) {
    return Recency.linear(age, window);
  }

  @Override
  public void writeTo(DataOutput out) throws IOException {
    int count = 0;
    for (ItemRelations r : relations) {
      count += r == null ? 0 : 1;
    }
    out.writeInt(count);
    for (int slot = 0; slot < relations.length; slot++) {
      if (relations[slot] != null) {
        out.writeInt(slot);
        relations[slot].writeTo(out);
      }
    }
  }

  @Override
  public void readFrom(DataInput in) throws IOException {
    relations = new ItemRelations[items.slotCount()];
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      int slot = in.readInt();
      relations[slot] = ItemRelations.readFrom(in, settings.neighboursPerItem());
    }
  }

  /**
   * How strongly relation {@code i} of {@code from} recommends its item, in the decaying or the
   * {@code lasting} memory.
   */
  protected abstract double strength(ItemRelations from, int i, boolean lasting);
}
