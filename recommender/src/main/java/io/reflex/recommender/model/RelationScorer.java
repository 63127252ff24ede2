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
  private boolean headsRead; // by a view: only then do the lists rank their heads

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
      r = new ItemRelations(settings.neighboursPerItem(), headsRead);
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
    scoreOver(history, out);
  }

  /**
   * Lanes of the adaptive blend reading these relations: each over the user's last {@code
   * historyItems} distinct items, from the decaying or the {@code lasting} memory ({@link
   * ItemRelations}), the whole lists of the last {@code wholeItems} of them and only the heads of
   * older ones ({@link ItemRelations#headSize}). A head adds only to items the whole lists named:
   * its own items were 30% of a ratings log's candidates and under 1% of the lists shown. They
   * learn through this scorer, once for all.
   */
  record View(int lane, int historyItems, boolean lasting, int wholeItems) {
    /** A view reading whole lists. */
    View(int lane, int historyItems, boolean lasting) {
      this(lane, historyItems, lasting, historyItems);
    }
  }

  /**
   * The views scored together (as {@link AdaptiveBlend} part): each relation list is read once for
   * every open view that covers its item, where one read per view was most of a ratings log's
   * recommendation. A view adds exactly what it would add alone, item by item in the same order
   * (but for a relation of positive strength in one memory only, read together with a view of the
   * other: it names its item for that view's heads too).
   */
  AdaptiveBlend.Part views(View... views) {
    if (Arrays.stream(views).anyMatch(view -> view.wholeItems() < view.historyItems())) {
      if (Arrays.stream(relations).anyMatch(r -> r != null)) {
        throw new IllegalStateException("heads must be read from the first relation learnt");
      }
      headsRead = true;
    }
    return new AdaptiveBlend.Part(
        new Views(views), Arrays.stream(views).mapToInt(View::lane).toArray());
  }

  private final class Views implements ItemScorer {
    private final View[] views;
    // scratch, per round: the open views that cover the current age, first; as arrays, for the
    // inner loop
    private final int[] lanes;
    private final boolean[] lasting;
    private final int[] windows;
    private final int[] wholes;
    private final double[] recencies;
    private final long[] recentItems;

    Views(View[] views) {
      this.views = views.clone();
      this.lanes = new int[views.length];
      this.lasting = new boolean[views.length];
      this.windows = new int[views.length];
      this.wholes = new int[views.length];
      this.recencies = new double[views.length];
      this.recentItems =
          new long[Arrays.stream(views).mapToInt(View::historyItems).max().orElse(0)];
    }

    @Override
    public void learn(long item, Interaction e, UserHistory before) {
      RelationScorer.this.learn(item, e, before);
    }

    @Override
    public void score(UserHistory history, String session, CandidateScores out) {
      int opened = 0;
      int window = 0;
      for (View view : views) {
        if (out.opened(view.lane())) {
          lanes[opened] = view.lane();
          lasting[opened] = view.lasting();
          wholes[opened] = view.wholeItems();
          windows[opened++] = view.historyItems();
          window = Math.max(window, view.historyItems());
        }
      }
      int count = history.recentDistinctItems(recentItems, window);
      out.startNaming();
      for (int age = 0; age < count; age++) {
        int covering = cover(age, opened);
        ItemRelations from = relationsOf(recentItems[age]);
        if (from != null) {
          scoreList(from, readsWhole(age, covering), covering, out);
        }
      }
    }

    /**
     * Moves the open views covering {@code age} to the front (windows only shrink the cover as age
     * grows) with their recency there, and returns how many there are.
     */
    private int cover(int age, int opened) {
      int covering = 0;
      for (int v = 0; v < opened; v++) {
        if (age < windows[v]) {
          swap(v, covering);
          recencies[covering] = recency(age, windows[covering]);
          covering++;
        }
      }
      return covering;
    }

    /** Whether one of the {@code covering} first views reads the whole list at {@code age}. */
    private boolean readsWhole(int age, int covering) {
      for (int v = 0; v < covering; v++) {
        if (age < wholes[v]) {
          return true;
        }
      }
      return false;
    }

    private void swap(int a, int b) {
      int lane = lanes[a];
      lanes[a] = lanes[b];
      lanes[b] = lane;
      boolean isLasting = lasting[a];
      lasting[a] = lasting[b];
      lasting[b] = isLasting;
      int w = windows[a];
      windows[a] = windows[b];
      windows[b] = w;
      int whole = wholes[a];
      wholes[a] = wholes[b];
      wholes[b] = whole;
    }

    /**
     * Adds {@code from}'s relations, all or its head's, to the {@code covering} first views' lanes.
     */
    private void scoreList(ItemRelations from, boolean whole, int covering, CandidateScores out) {
      boolean anyDecaying = false;
      boolean anyLasting = false;
      for (int v = 0; v < covering; v++) {
        anyDecaying |= !lasting[v];
        anyLasting |= lasting[v];
      }
      int count = whole ? from.size() : from.headSize();
      for (int k = 0; k < count; k++) {
        int i = whole ? k : from.headPosition(k);
        double decayingStrength = anyDecaying ? strength(from, i, false) : 0;
        double lastingStrength = anyLasting ? strength(from, i, true) : 0;
        if (decayingStrength <= 0 && lastingStrength <= 0) {
          continue; // as alone: a view adds only positive strengths
        }
        int at = whole ? out.touchNaming(from.related(i)) : out.touchIfNamed(from.related(i));
        if (at < 0) {
          continue;
        }
        for (int v = 0; v < covering; v++) {
          double strength = lasting[v] ? lastingStrength : decayingStrength;
          if (strength > 0) {
            out.addAt(at, lanes[v], recencies[v] * strength);
          }
        }
      }
    }

    @Override
    public void forget(int slot) {
      RelationScorer.this.forget(slot);
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
      RelationScorer.this.writeTo(out);
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
      RelationScorer.this.readFrom(in);
    }
  }

  /**
   * Sums the decaying relations of the user's last {@code historyItems} distinct items, weighted by
   * recency.
   */
  private void scoreOver(UserHistory history, CandidateScores out) {
    int count = history.recentDistinctItems(recent);
    for (int age = 0; age < count; age++) {
      ItemRelations from = relationsOf(recent[age]);
      if (from == null) {
        continue;
      }
      double recency = recency(age, recent.length);
      for (int i = 0; i < from.size(); i++) {
        double strength = strength(from, i, false);
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
      relations[slot] = ItemRelations.readFrom(in, settings.neighboursPerItem(), headsRead);
    }
  }

  /**
   * How strongly relation {@code i} of {@code from} recommends its item, in the decaying or the
   * {@code lasting} memory.
   */
  protected abstract double strength(ItemRelations from, int i, boolean lasting);
}
