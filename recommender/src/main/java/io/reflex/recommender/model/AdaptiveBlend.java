package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A weighted sum of scorers whose blend the stream picks, from the model's own prequential
 * outcomes. The blend is one of a few candidate weightings (each suiting another shape of log: see
 * {@link #BLENDS}), each read from the decaying or from the lasting memory of item relations
 * ({@link ItemRelations}): so the stream also picks its forgetting, e.g. lasting counts for a
 * ratings log, sparse in time. Every {@link #TRAIN_EVERY}-th event, before it is learned, the
 * user's candidates are scored as a recommendation would score them and every weighting is credited
 * with what it would have scored on that event (HR@10 + MRR@10, full information: all weightings
 * are judged on the same lanes, each ranked as a list served with it would rank it, ties included),
 * in exponentially decayed sums. The leader serves.
 *
 * <p>It also learns whether this stream's users come back to items: the decayed share of events (of
 * users with a history) whose item is already in that history. Below {@link #RECONSUMPTION_FLOOR}
 * the model stops recommending seen items ({@link #avoidsSeen()}): ratings logs never repeat; from
 * then on users' items are also remembered beyond the history window ({@link MetItems}). All of it
 * is model state, written in snapshots.
 */
final class AdaptiveBlend implements ItemScorer {
  static final int TRAIN_EVERY = 16;

  /**
   * Lanes: recent items (short window), recent items (long window), rules of the last two items,
   * co-occurrence, wide co-occurrence, rules of the last item alone (SR's candidates, normalised on
   * their own so the latest item's rules lead even when they are weak); the last four read from the
   * decaying memory, or from the lasting one (lanes {@value #LASTING_FROM} on, in the same order):
   * see {@link #WEIGHTINGS}. The last-item lane joins the blends led by rules; the others kept
   * their weights (with it, the repeat-buyer blend lost its own-items lead: RECOMMENDER.md).
   */
  static final double[][] BLENDS = {
    {1, 0, 1, 0.25, 0, 1}, // the click-stream blend tuned on the simulator (RECOMMENDER.md)
    {0.3, 0, 1, 0.25, 0, 1}, // rules lead: anonymous sessions
    {0, 0, 1, 0.25, 0.5, 1}, // no "see it again": users who do not re-consume
    {0, 0, 0.25, 0.25, 1, 0}, // long histories: co-occurrence with many past items
    {0, 1, 0.5, 0.1, 0, 0}, // long memory of own items: repeat buyers
    {1, 0, 0.3, 0.1, 0, 0}, // short memory of own items
    {3, 0, 1, 0.25, 0, 1}, // re-views dominate
    {0.5, 0, 1, 1, 0.5, 1}, // every relation counts
  };

  /** The first relation lane of {@link #BLENDS}; its lasting twin is {@link #LASTING_FROM}. */
  private static final int RELATIONS_FROM = 2;

  static final int LASTING_FROM = 6;

  /**
   * Every blend twice, over all lanes: at {@code 2b} its relation weights on the decaying lanes, at
   * {@code 2b + 1} on the lasting ones.
   */
  static final double[][] WEIGHTINGS = withBothMemories();

  /** Each weighting's lanes of non-zero weight, ascending: the only ones its blend reads. */
  private static final int[][] WEIGHTED = weightedLanes();

  /** The judge's weights: every lane open. */
  private static final double[] ALL_LANES = withEveryLane();

  private static final int CUTOFF = 10;
  private static final double DECAY = Math.pow(0.5, 1 / 500.0); // half-life: 500 judged events
  private static final double RECONSUMPTION_FLOOR = 0.02;
  private static final double RECONSUMPTION_DECAY = Math.pow(0.5, 1 / 2_000.0);

  /**
   * Where the share starts: five times the floor, so seen items stay recommendable until about
   * 4,600 events of returning users (2.3 half-lives) show next to no re-consumption. Starting at 1
   * took ~11,000, and a ratings log's heavy users had met hundreds of items by then that no history
   * window covers (RECOMMENDER.md: chosen on simulator seeds 3 and 11).
   */
  private static final double RECONSUMPTION_PRIOR = 0.1;

  /**
   * A scorer writing lanes {@code lanes} of the blend: one lane through {@link
   * CandidateScores#add}, or several that it checks with {@link CandidateScores#opened} (views of
   * one relation memory, {@link RelationScorer#views}).
   */
  record Part(ItemScorer scorer, int... lanes) {}

  private final List<Part> parts;
  private final double[] credit = new double[WEIGHTINGS.length];
  private final CandidateScores scratch;
  private int leader;
  private long events;
  private double reconsumption = RECONSUMPTION_PRIOR;

  AdaptiveBlend(ItemCatalog items, List<Part> parts) {
    int[] lanes =
        parts.stream().flatMapToInt(part -> Arrays.stream(part.lanes())).sorted().toArray();
    if (!Arrays.equals(lanes, IntStream.range(0, WEIGHTINGS[0].length).toArray())) {
      throw new IllegalArgumentException(
          "expected lanes 0 to "
              + (WEIGHTINGS[0].length - 1)
              + " once each, got "
              + Arrays.toString(lanes));
    }
    this.parts = List.copyOf(parts);
    this.scratch = new CandidateScores(items, lanes.length);
  }

  @Override
  public void learn(long item, Interaction e, UserHistory before) {
    if (before.size() > 0) {
      boolean again = before.contains(item);
      reconsumption = reconsumption * RECONSUMPTION_DECAY + (again ? 1 - RECONSUMPTION_DECAY : 0);
      if (events++ % TRAIN_EVERY == 0) {
        judge(item, e, before);
      }
    }
    for (Part part : parts) {
      part.scorer().learn(item, e, before);
    }
  }

  /**
   * Credits every blend with its HR@10 + MRR@10 on {@code item}, as ranked just before {@code e}.
   */
  private void judge(long item, Interaction e, UserHistory before) {
    scratch.clear();
    scoreLanes(ALL_LANES, before, e.session(), scratch);
    int target = scratch.candidate(item);
    boolean rankable = target >= 0 && !(avoidsSeen() && before.hasMet(item));
    if (rankable && avoidsSeen()) {
      scratch.hideItemsOf(before);
    }
    for (int b = 0; b < WEIGHTINGS.length; b++) {
      credit[b] *= DECAY;
      if (rankable) {
        int rank =
            scratch.rankOf(
                target, WEIGHTINGS[b], WEIGHTED[b], CUTOFF, avoidsSeen() ? before : null);
        credit[b] += rank > 0 ? 1 + 1.0 / rank : 0;
      }
    }
    for (int b = 0; b < WEIGHTINGS.length; b++) {
      if (credit[b] > credit[leader]) {
        leader = b;
      }
    }
  }

  @Override
  public void score(UserHistory history, String session, CandidateScores out) {
    scoreLanes(WEIGHTINGS[leader], history, session, out);
  }

  /**
   * Opens every lane of non-zero weight (ascending, before any candidate is added), then lets each
   * part with an open lane score once.
   */
  private void scoreLanes(
      double[] weights, UserHistory history, String session, CandidateScores out) {
    for (int lane = 0; lane < weights.length; lane++) {
      if (weights[lane] > 0) {
        out.lane(lane, weights[lane]);
      }
    }
    for (Part part : parts) {
      int[] lanes = part.lanes();
      if (lanes.length == 1 && weights[lanes[0]] > 0) {
        out.lane(lanes[0], weights[lanes[0]]); // already open: makes it the lane add() writes
        part.scorer().score(history, session, out);
      } else if (lanes.length > 1 && Arrays.stream(lanes).anyMatch(lane -> weights[lane] > 0)) {
        part.scorer().score(history, session, out);
      }
    }
  }

  @Override
  public boolean avoidsSeen() {
    return reconsumption < RECONSUMPTION_FLOOR;
  }

  private static double[][] withBothMemories() {
    int relations = LASTING_FROM - RELATIONS_FROM;
    double[][] weightings = new double[2 * BLENDS.length][];
    for (int b = 0; b < BLENDS.length; b++) {
      double[] decaying = Arrays.copyOf(BLENDS[b], LASTING_FROM + relations);
      double[] lasting = decaying.clone();
      System.arraycopy(BLENDS[b], RELATIONS_FROM, lasting, LASTING_FROM, relations);
      Arrays.fill(lasting, RELATIONS_FROM, LASTING_FROM, 0);
      weightings[2 * b] = decaying;
      weightings[2 * b + 1] = lasting;
    }
    return weightings;
  }

  private static double[] withEveryLane() {
    double[] all = new double[WEIGHTINGS[0].length];
    Arrays.fill(all, 1);
    return all;
  }

  private static int[][] weightedLanes() {
    int[][] weighted = new int[WEIGHTINGS.length][];
    for (int b = 0; b < WEIGHTINGS.length; b++) {
      double[] weights = WEIGHTINGS[b];
      weighted[b] = IntStream.range(0, weights.length).filter(l -> weights[l] != 0).toArray();
    }
    return weighted;
  }

  /** The weighting serving now (an index into {@link #WEIGHTINGS}). */
  int leader() {
    return leader;
  }

  @Override
  public void forget(int slot) {
    for (Part part : parts) {
      part.scorer().forget(slot);
    }
  }

  @Override
  public int lanes() {
    return ALL_LANES.length;
  }

  @Override
  public void writeTo(DataOutput out) throws IOException {
    for (Part part : parts) {
      part.scorer().writeTo(out);
    }
    for (double c : credit) {
      out.writeDouble(c);
    }
    out.writeInt(leader);
    out.writeLong(events);
    out.writeDouble(reconsumption);
  }

  @Override
  public void readFrom(DataInput in) throws IOException {
    for (Part part : parts) {
      part.scorer().readFrom(in);
    }
    for (int b = 0; b < credit.length; b++) {
      credit[b] = in.readDouble();
    }
    leader = in.readInt();
    events = in.readLong();
    reconsumption = in.readDouble();
  }

  @Override
  public String toString() {
    return "AdaptiveBlend[leader "
        + leader
        + " "
        + Arrays.toString(WEIGHTINGS[leader])
        + ", credit "
        + Arrays.toString(credit)
        + ", re-consumption "
        + reconsumption
        + "]";
  }
}
