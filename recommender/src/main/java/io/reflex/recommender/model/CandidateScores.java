package io.reflex.recommender.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Scores accumulated for candidate items during one recommendation. A candidate is found by its
 * catalogue slot in one flat array (adding is an array write, where hashing String ids into a map
 * was most of the recommend latency), and its scores sit at its place in first-touch order: the few
 * hundred candidates of a round fill the front of the score arrays contiguously, so they stay in
 * cache while the round's relation lists are read (indexed by slot, they spread over the whole
 * catalogue's width). Clearing costs nothing: a slot's stamp says whether it was touched this
 * round.
 *
 * <p>A blend ({@link AdaptiveBlend}) writes each part into its own lane, and each lane is
 * normalised to its best candidate when the list is read: one pass over the candidates instead of
 * scoring each part into a scratch map and copying it over. A candidate's score is the sum, in lane
 * order, of {@code weight * raw / lane max}.
 */
final class CandidateScores {
  private final ItemCatalog items;
  private final int lanes;
  private final double[] laneWeight;
  private final double[] laneMax; // raw scores only grow, so the running max is the lane's max
  // lanes given a non-zero weight this round, in the order they were opened (ascending, as every
  // scorer opens them): the only ones finish() reads
  private final int[] active;
  private int activeCount;
  private final double[] scale; // finish(): laneWeight over laneMax
  private final double[] judgeScale; // rankOf(): its weights over laneMax
  private boolean blended;
  private int lane;
  // by slot: the round it was last touched in (high half) and its candidate number (low half)
  private long[] touched = new long[0];
  // by candidate number (first-touch order)
  private long[] refs = new long[16];
  private double[] raw = new double[16 * 4]; // [candidate * lanes + lane]
  private double[] scores = new double[16]; // final, once finished
  private boolean[] hidden = new boolean[16]; // hideItemsOf
  private int[] namedIn = new int[16]; // the reading that named it (startNaming), or 0
  private int naming;
  private int size;
  private int current = 1;
  private boolean finished;

  CandidateScores(ItemCatalog items, int lanes) {
    this.items = items;
    this.lanes = lanes;
    this.laneWeight = new double[lanes];
    this.laneMax = new double[lanes];
    this.active = new int[lanes];
    this.scale = new double[lanes];
    this.judgeScale = new double[lanes];
    this.raw = new double[refs.length * lanes];
  }

  /**
   * Makes the next adds go to lane {@code lane}, blended with {@code weight} after normalisation.
   * Every lane of non-zero weight must be opened before the round's first add: a candidate's first
   * add zeroes only the open lanes (zeroing all ten cost more than the adds on a ratings log).
   */
  void lane(int lane, double weight) {
    this.lane = lane;
    this.laneWeight[lane] = weight;
    this.blended = true;
    if (weight != 0 && !isActive(lane)) {
      if (size > 0) {
        throw new IllegalStateException("lane " + lane + " opened after candidates were added");
      }
      active[activeCount++] = lane;
    }
  }

  /** Whether lane {@code lane} was opened with a non-zero weight in this round. */
  boolean opened(int lane) {
    return isActive(lane);
  }

  private boolean isActive(int lane) {
    for (int a = 0; a < activeCount; a++) {
      if (active[a] == lane) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds to the item's score in the current lane; a stale ref (the item was evicted since) is
   * ignored.
   */
  void add(long ref, double score) {
    int at = touch(ref);
    if (at >= 0) {
      addAt(at, lane, score);
    }
  }

  /**
   * Makes {@code ref} a candidate of this round and returns where its lanes start, for {@link
   * #addAt}; -1 for a stale ref (the item was evicted since), which must be ignored. A scorer
   * writing several lanes from one read of a relation list checks the ref once.
   */
  int touch(long ref) {
    if (!items.isLive(ref)) {
      return -1;
    }
    int slot = ItemCatalog.slot(ref);
    if (slot >= touched.length) {
      touched = Arrays.copyOf(touched, Math.max(items.slotCount(), 2 * touched.length));
    }
    long state = touched[slot];
    if ((int) (state >>> 32) == current) {
      return (int) state * lanes;
    }
    if (size == refs.length) {
      grow();
    }
    touched[slot] = (long) current << 32 | size;
    refs[size] = ref;
    hidden[size] = false;
    namedIn[size] = 0;
    int at = size * lanes;
    if (activeCount == 0) {
      Arrays.fill(raw, at, at + lanes, 0);
    } else {
      for (int a = 0; a < activeCount; a++) {
        raw[at + active[a]] = 0;
      }
    }
    size++;
    finished = false;
    return at;
  }

  /**
   * Starts a reading of relation lists whose whole lists name candidates ({@link #touchNaming}) and
   * whose heads add only to those ({@link #touchIfNamed}).
   */
  void startNaming() {
    if (++naming == 0) { // wrapped: 0 is a candidate no reading named
      naming = 1;
    }
  }

  /** {@link #touch}, and the candidate counts as named by the current reading. */
  int touchNaming(long ref) {
    int at = touch(ref);
    if (at >= 0) {
      namedIn[at / lanes] = naming;
    }
    return at;
  }

  /**
   * Where the lanes of {@code ref} start if the current reading named it, else -1: a head read adds
   * to candidates but makes none (on a ratings log its items were 30% of the candidates and under
   * 1% of the lists shown).
   */
  int touchIfNamed(long ref) {
    int slot = ItemCatalog.slot(ref);
    if (!items.isLive(ref) || slot >= touched.length) {
      return -1;
    }
    long state = touched[slot];
    int c = (int) state;
    return (int) (state >>> 32) == current && namedIn[c] == naming ? c * lanes : -1;
  }

  /** Adds {@code score} to lane {@code lane} of the candidate whose lanes start at {@code at}. */
  void addAt(int at, int lane, double score) {
    double sum = raw[at + lane] += score;
    if (sum > laneMax[lane]) {
      laneMax[lane] = sum;
    }
    finished = false;
  }

  private void grow() {
    int length = 2 * refs.length;
    refs = Arrays.copyOf(refs, length);
    raw = Arrays.copyOf(raw, length * lanes);
    scores = Arrays.copyOf(scores, length);
    hidden = Arrays.copyOf(hidden, length);
    namedIn = Arrays.copyOf(namedIn, length);
  }

  /** Sets the item's score to zero: {@link #top} only returns positive scores. */
  void remove(long ref) {
    int c = candidate(ref);
    if (c >= 0) {
      Arrays.fill(raw, c * lanes, c * lanes + lanes, 0);
      finished = false;
    }
  }

  /**
   * Keeps the candidates among {@code history}'s remembered events out of {@link #top} and {@link
   * #rankOf} (a stream whose users never come back to an item): marking the few that are candidates
   * beats testing each of a few hundred candidates against the whole history.
   */
  void hideItemsOf(UserHistory history) {
    for (int age = 0; age < history.size(); age++) {
      int c = candidate(history.item(age));
      if (c >= 0) {
        hidden[c] = true;
      }
    }
  }

  /**
   * Empties the scores for the next recommendation; nothing is zeroed until a candidate is touched
   * again.
   */
  void clear() {
    if (++current == 0) { // wrapped after 2^32 rounds: stamp 0 is every untouched slot's
      Arrays.fill(touched, 0);
      current = 1;
    }
    size = 0;
    lane = 0;
    blended = false;
    Arrays.fill(laneMax, 0);
    activeCount = 0;
    finished = false;
  }

  /** Computes every touched candidate's final score from its lanes, once per read. */
  private void finish() {
    if (finished) {
      return;
    }
    if (blended) {
      scalesOf(laneWeight, scale);
    }
    for (int c = 0; c < size; c++) {
      int at = c * lanes;
      if (!blended) {
        scores[c] = raw[at];
        continue;
      }
      double score = 0;
      for (int a = 0; a < activeCount; a++) {
        int l = active[a];
        score += raw[at + l] * scale[l];
      }
      scores[c] = score;
    }
    finished = true;
  }

  /**
   * Each lane's weight over its best raw score (0 for a lane without candidates): a candidate's
   * blend is then its raw lanes times these, the same products whoever sums them.
   */
  private void scalesOf(double[] weights, double[] into) {
    for (int l = 0; l < lanes; l++) {
      into[l] = laneMax[l] > 0 ? weights[l] / laneMax[l] : 0;
    }
  }

  /**
   * {@code ref}'s place in first-touch order, or -1 when it was not scored in this round (its slot
   * may have been touched for the item that held it before).
   */
  int candidate(long ref) {
    int slot = ItemCatalog.slot(ref);
    if (slot >= touched.length || (int) (touched[slot] >>> 32) != current) {
      return -1;
    }
    int c = (int) touched[slot];
    return refs[c] == ref ? c : -1;
  }

  /**
   * The rank candidate {@code target} ({@link #candidate}) would get in {@link #top} if lanes
   * {@code weighted} (ascending, all open) were blended with {@code weights}, or 0 when at least
   * {@code cutoff} candidates (not hidden, nor met by {@code seenBy} if given: its remembered
   * events must have been hidden with {@link #hideItemsOf}) would rank above it. Scores are summed
   * as {@link #finish} sums them and ties are broken by id as {@link #top} breaks them, so the rank
   * is the one a list served with these weights would show: counting only strictly better
   * candidates would credit blends whose lanes often tie (small counts in a sparse log) with ranks
   * no list gives. The weights set with {@link #lane} play no part.
   */
  int rankOf(int target, double[] weights, int[] weighted, int cutoff, UserHistory seenBy) {
    scalesOf(weights, judgeScale);
    double targetScore = blendOf(target, weighted);
    if (targetScore <= 0) {
      return 0; // top lists only positive scores
    }
    String name = null;
    int above = 0;
    for (int c = 0; c < size && above < cutoff; c++) {
      double score = blendOf(c, weighted);
      if (score < targetScore || c == target) {
        continue;
      }
      long other = refs[c];
      if (hidden[c] || seenBy != null && seenBy.remembersMet(other)) {
        continue;
      }
      if (score == targetScore) {
        name = name == null ? items.name(refs[target]) : name;
        if (items.name(other).compareTo(name) > 0) {
          continue;
        }
      }
      above++;
    }
    return above < cutoff ? above + 1 : 0;
  }

  /** The blend of candidate {@code c}'s lanes {@code weighted} with the scales set by rankOf. */
  private double blendOf(int c, int[] weighted) {
    int at = c * lanes;
    double score = 0;
    for (int l : weighted) {
      score += raw[at + l] * judgeScale[l];
    }
    return score;
  }

  double max() {
    finish();
    double max = 0;
    for (int c = 0; c < size; c++) {
      max = Math.max(max, scores[c]);
    }
    return max;
  }

  /**
   * The {@code n} best candidates with a positive score, not hidden, that {@code allowed} accepts,
   * best first; ties by id so equal scores rank the same way on every run. A bounded heap of
   * candidate numbers: nothing is allocated per candidate.
   */
  List<ScoredItem> top(int n, LongPredicate allowed) {
    finish();
    int[] heap = new int[n]; // worst of the best n at the root
    int count = 0;
    double floor = 0; // score of the root once the heap is full
    for (int c = 0; c < size; c++) {
      double score = scores[c];
      if (score <= 0
          || hidden[c]
          || count == n && (score < floor || score == floor && !better(c, heap[0]))) {
        continue; // cheap rejects first: most candidates lose to the current top n
      }
      if (allowed.test(refs[c])) {
        if (count < n) {
          heap[count] = c;
          siftUp(heap, count++);
        } else {
          heap[0] = c;
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
      best.add(new ScoredItem(items.name(refs[worst]), scores[worst]));
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
    return items.name(refs[a]).compareTo(items.name(refs[b])) < 0;
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
