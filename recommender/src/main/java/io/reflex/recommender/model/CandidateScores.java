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
  private double[] raw = new double[0]; // [slot * lanes + lane]
  private double[] scores = new double[0]; // final, per slot, once finished
  private int[] round = new int[0]; // the clear() round a slot was last touched in
  private int[] hiddenIn = new int[0]; // the round a slot was hidden in (hideItemsOf)
  private long[] refOfSlot = new long[0];
  private int[] position = new int[0]; // a touched slot's index in used
  private int[] used = new int[16]; // touched slots in first-touch order
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
    if (slot >= round.length) {
      grow();
    }
    int at = slot * lanes;
    if (round[slot] != current) {
      round[slot] = current;
      refOfSlot[slot] = ref;
      if (activeCount == 0) {
        Arrays.fill(raw, at, at + lanes, 0);
      } else {
        for (int a = 0; a < activeCount; a++) {
          raw[at + active[a]] = 0;
        }
      }
      if (size == used.length) {
        used = Arrays.copyOf(used, 2 * size);
      }
      position[slot] = size;
      used[size++] = slot;
    }
    finished = false;
    return at;
  }

  /** Adds {@code score} to lane {@code lane} of the candidate whose lanes start at {@code at}. */
  void addAt(int at, int lane, double score) {
    double sum = raw[at + lane] += score;
    if (sum > laneMax[lane]) {
      laneMax[lane] = sum;
    }
  }

  private void grow() {
    int length = Math.max(items.slotCount(), 2 * round.length);
    raw = Arrays.copyOf(raw, length * lanes);
    scores = Arrays.copyOf(scores, length);
    round = Arrays.copyOf(round, length);
    hiddenIn = Arrays.copyOf(hiddenIn, length);
    refOfSlot = Arrays.copyOf(refOfSlot, length);
    position = Arrays.copyOf(position, length);
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
   * Keeps the candidates among {@code history}'s remembered events out of {@link #top} and {@link
   * #rankOf} (a stream whose users never come back to an item): marking the few that are candidates
   * beats testing each of a few hundred candidates against the whole history.
   */
  void hideItemsOf(UserHistory history) {
    for (int age = 0; age < history.size(); age++) {
      long ref = history.item(age);
      if (contains(ref)) {
        hiddenIn[ItemCatalog.slot(ref)] = current;
      }
    }
  }

  private boolean hidden(int slot) {
    return hiddenIn[slot] == current;
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
    for (int i = 0; i < size; i++) {
      int slot = used[i];
      int at = slot * lanes;
      if (!blended) {
        scores[slot] = raw[at];
        continue;
      }
      double score = 0;
      for (int a = 0; a < activeCount; a++) {
        int l = active[a];
        score += raw[at + l] * scale[l];
      }
      scores[slot] = score;
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
   * Whether {@code ref} was scored in this round; its slot may hold another item's leftovers
   * otherwise.
   */
  private boolean contains(long ref) {
    int slot = ItemCatalog.slot(ref);
    return slot < round.length && round[slot] == current && refOfSlot[slot] == ref;
  }

  /** {@code ref}'s place in first-touch order, or -1 when it was not scored in this round. */
  int candidate(long ref) {
    return contains(ref) ? position[ItemCatalog.slot(ref)] : -1;
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
    double targetScore = blendOf(used[target], weighted);
    if (targetScore <= 0) {
      return 0; // top lists only positive scores
    }
    String name = null;
    int above = 0;
    for (int i = 0; i < size && above < cutoff; i++) {
      int slot = used[i];
      double score = blendOf(slot, weighted);
      if (score < targetScore || i == target) {
        continue;
      }
      long other = refOfSlot[slot];
      if (hidden(slot) || seenBy != null && seenBy.remembersMet(other)) {
        continue;
      }
      if (score == targetScore) {
        name = name == null ? items.name(refOfSlot[used[target]]) : name;
        if (items.name(other).compareTo(name) > 0) {
          continue;
        }
      }
      above++;
    }
    return above < cutoff ? above + 1 : 0;
  }

  /** The blend of {@code slot}'s lanes {@code weighted} with the scales set by rankOf. */
  private double blendOf(int slot, int[] weighted) {
    int at = slot * lanes;
    double score = 0;
    for (int l : weighted) {
      score += raw[at + l] * judgeScale[l];
    }
    return score;
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
   * The {@code n} best candidates with a positive score, not hidden, that {@code allowed} accepts,
   * best first; ties by id so equal scores rank the same way on every run. A bounded heap of slots:
   * nothing is allocated per candidate.
   */
  List<ScoredItem> top(int n, LongPredicate allowed) {
    finish();
    int[] heap = new int[n]; // worst of the best n at the root
    int count = 0;
    double floor = 0; // score of the root once the heap is full
    for (int i = 0; i < size; i++) {
      int slot = used[i];
      double score = scores[slot];
      if (score <= 0
          || hidden(slot)
          || count == n && (score < floor || score == floor && !better(slot, heap[0]))) {
        continue; // cheap rejects first: most candidates lose to the current top n
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
