package io.reflex.recommender.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Scores accumulated for candidate items during one recommendation, in flat arrays indexed by
 * catalogue slot (plus the list of slots touched, so clearing costs only what was used): adding is
 * an array write, where hashing String ids into a map was most of the recommend latency.
 *
 * <p>A blend ({@link BlendedScorer}) writes each part into its own lane, and each lane is
 * normalised to its best candidate when the list is read: one pass over the candidates instead of
 * scoring each part into a scratch map and copying it over. A candidate's score is the sum, in lane
 * order, of {@code weight * raw / lane max}.
 */
final class CandidateScores {
  private final ItemCatalog items;
  private final int lanes;
  private final double[] laneWeight;
  private final double[] laneMax; // raw scores only grow, so the running max is the lane's max
  private boolean blended;
  private int lane;
  private double[] raw = new double[0]; // [slot * lanes + lane]
  private double[] scores = new double[0]; // final, per slot, once finished
  private int[] round = new int[0]; // the clear() round a slot was last touched in
  private long[] refOfSlot = new long[0];
  private int[] used = new int[16]; // touched slots in first-touch order
  private int size;
  private int current = 1;
  private boolean finished;

  CandidateScores(ItemCatalog items, int lanes) {
    this.items = items;
    this.lanes = lanes;
    this.laneWeight = new double[lanes];
    this.laneMax = new double[lanes];
  }

  /**
   * Makes the next adds go to lane {@code lane}, blended with {@code weight} after normalisation.
   */
  void lane(int lane, double weight) {
    this.lane = lane;
    this.laneWeight[lane] = weight;
    this.blended = true;
  }

  /** Adds to the item's score; a stale ref (the item was evicted since) is ignored. */
  void add(long ref, double score) {
    if (!items.isLive(ref)) {
      return;
    }
    int slot = ItemCatalog.slot(ref);
    if (slot >= round.length) {
      grow();
    }
    int at = slot * lanes;
    if (round[slot] != current) {
      round[slot] = current;
      refOfSlot[slot] = ref;
      Arrays.fill(raw, at, at + lanes, 0);
      if (size == used.length) {
        used = Arrays.copyOf(used, 2 * size);
      }
      used[size++] = slot;
    }
    double sum = raw[at + lane] += score;
    if (sum > laneMax[lane]) {
      laneMax[lane] = sum;
    }
    finished = false;
  }

  private void grow() {
    int length = Math.max(items.slotCount(), 2 * round.length);
    raw = Arrays.copyOf(raw, length * lanes);
    scores = Arrays.copyOf(scores, length);
    round = Arrays.copyOf(round, length);
    refOfSlot = Arrays.copyOf(refOfSlot, length);
  }

  /** Sets the item's score to zero: {@link #top} only returns positive scores. */
  void remove(long ref) {
    int slot = ItemCatalog.slot(ref);
    if (slot < round.length && round[slot] == current && refOfSlot[slot] == ref) {
      Arrays.fill(raw, slot * lanes, slot * lanes + lanes, 0);
      finished = false;
    }
  }

  /**
   * Empties the scores for the next recommendation; nothing is zeroed until a slot is touched
   * again.
   */
  void clear() {
    current++;
    size = 0;
    lane = 0;
    blended = false;
    Arrays.fill(laneMax, 0);
    finished = false;
  }

  /** Computes every touched candidate's final score from its lanes, once per read. */
  private void finish() {
    if (finished) {
      return;
    }
    for (int i = 0; i < size; i++) {
      int slot = used[i];
      int at = slot * lanes;
      if (!blended) {
        scores[slot] = raw[at];
        continue;
      }
      double score = 0;
      for (int l = 0; l < lanes; l++) {
        double value = raw[at + l];
        if (value > 0 && laneWeight[l] != 0) {
          score += laneWeight[l] * value / laneMax[l];
        }
      }
      scores[slot] = score;
    }
    finished = true;
  }

  /**
   * Whether {@code ref} was scored in this round; its slot may hold another item's leftovers
   * otherwise.
   */
  private boolean scored(long ref) {
    int slot = ItemCatalog.slot(ref);
    return slot < round.length && round[slot] == current && refOfSlot[slot] == ref;
  }

  /**
   * Writes each lane's normalised value for {@code ref} into {@code into}; false (and nothing) if
   * no candidate.
   */
  boolean lanesOf(long ref, double[] into) {
    if (!scored(ref)) {
      return false;
    }
    int at = ItemCatalog.slot(ref) * lanes;
    for (int l = 0; l < lanes; l++) {
      into[l] = laneMax[l] > 0 ? raw[at + l] / laneMax[l] : 0;
    }
    return true;
  }

  /**
   * The rank {@code ref} (whose normalised lanes are {@code lanesOfRef}) would get if the lanes
   * were blended with {@code weights}, or 0 when at least {@code cutoff} candidates (not among
   * {@code seenBy}'s items, if given) would rank above it. Reads the raw lanes: the weights set
   * with {@link #lane} play no part.
   */
  int rankOf(long ref, double[] lanesOfRef, double[] weights, int cutoff, UserHistory seenBy) {
    double target = 0;
    for (int l = 0; l < lanes; l++) {
      target += weights[l] * lanesOfRef[l];
    }
    int above = 0;
    for (int i = 0; i < size && above < cutoff; i++) {
      int slot = used[i];
      if (refOfSlot[slot] == ref) {
        continue;
      }
      int at = slot * lanes;
      double score = 0;
      for (int l = 0; l < lanes; l++) {
        if (laneMax[l] > 0) {
          score += weights[l] * raw[at + l] / laneMax[l];
        }
      }
      if (score > target && (seenBy == null || !seenBy.contains(refOfSlot[slot]))) {
        above++;
      }
    }
    return above < cutoff ? above + 1 : 0;
  }

  double max() {
    finish();
    double max = 0;
    for (int i = 0; i < size; i++) {
      max = Math.max(max, scores[used[i]]);
    }
    return max;
  }

  /**
   * The {@code n} best candidates with a positive score that {@code allowed} accepts, best first;
   * ties by id so equal scores rank the same way on every run. A bounded heap of slots: nothing is
   * allocated per candidate.
   */
  List<ScoredItem> top(int n, LongPredicate allowed) {
    finish();
    int[] heap = new int[n]; // worst of the best n at the root
    int count = 0;
    double floor = 0; // score of the root once the heap is full
    for (int i = 0; i < size; i++) {
      int slot = used[i];
      double score = scores[slot];
      if (score <= 0 || count == n && (score < floor || score == floor && !better(slot, heap[0]))) {
        continue; // cheap reject first: most candidates lose to the current top n
      }
      if (allowed.test(refOfSlot[slot])) {
        if (count < n) {
          heap[count] = slot;
          siftUp(heap, count++);
        } else {
          heap[0] = slot;
          siftDown(heap, count);
        }
        floor = scores[heap[0]];
      }
    }
    List<ScoredItem> best = new ArrayList<>(count);
    while (count > 0) {
      int worst = heap[0];
      heap[0] = heap[--count];
      siftDown(heap, count);
      best.add(new ScoredItem(items.name(refOfSlot[worst]), scores[worst]));
    }
    Collections.reverse(best);
    return best;
  }

  /** Best first: higher score, then smaller id. */
  private boolean better(int a, int b) {
    int byScore = Double.compare(scores[a], scores[b]);
    if (byScore != 0) {
      return byScore > 0;
    }
    return items.name(refOfSlot[a]).compareTo(items.name(refOfSlot[b])) < 0;
  }

  private void siftUp(int[] heap, int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!better(heap[parent], heap[i])) {
        return;
      }
      swap(heap, i, parent);
      i = parent;
    }
  }

  private void siftDown(int[] heap, int count) {
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= count) {
        return;
      }
      if (child + 1 < count && better(heap[child], heap[child + 1])) {
        child++;
      }
      if (!better(heap[i], heap[child])) {
        return;
      }
      swap(heap, i, child);
      i = child;
    }
  }

  private static void swap(int[] heap, int i, int j) {
    int t = heap[i];
    heap[i] = heap[j];
    heap[j] = t;
  }
}
