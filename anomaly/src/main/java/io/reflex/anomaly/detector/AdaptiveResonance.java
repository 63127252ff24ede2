package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/**
 * Whether the recent stretch of a series has a shape unlike every shape seen so far: the idea of
 * ARTime (Mark Hampton's NAB entry, adaptive resonance theory over a window of recent values),
 * re-implemented from its published description, no code read or taken. Values are averaged in
 * blocks; the last blocks, scaled to the range seen so far, form a shape; a fuzzy ART network
 * (Carpenter, Grossberg and Rosen, 1991) keeps categories of shapes as boxes and grows the box a
 * shape resonates with (matches at the vigilance or better), or makes a new one. As in ARTime, a
 * new category is the anomaly: the raw score is 1 when the shape resonates with no box, else 0.
 *
 * <p>The vigilance is learnt per series, not fixed (a fixed one was a narrow peak on the dev set,
 * anomaly/DETECTOR.md): after warm-up, every new box widens the boxes a little and every shape that
 * resonates narrows them a little, so that new boxes come at NAB's prior rate of anomalies. A
 * series whose shapes vary a lot gets wide boxes instead of a stream of new ones; a regular one
 * keeps narrow boxes and notices small changes of shape. Bounded: at most {@link #CATEGORIES}
 * boxes, the least recently used one is replaced.
 */
final class AdaptiveResonance {
  /** Values averaged into one block: smooths row noise and makes the shape span more time. */
  private static final int BLOCK = 4;

  /** Blocks in a shape. */
  private static final int SHAPE = 8;

  private static final int CATEGORIES = 64;

  /**
   * NAB's prior: 116 anomaly windows in 365,558 rows, one anomaly per ~3,150 rows. The target rate
   * of new boxes per shape follows from it, so a new box stays rare enough to be news.
   */
  private static final double ROWS_PER_ANOMALY = 3150;

  private static final double TARGET_RATE = BLOCK / ROWS_PER_ANOMALY;

  /**
   * Log-width step of the vigilance per shape, times (new box - target rate): a new box widens the
   * boxes by ~10 %. Narrowing is ~800 times slower per shape, as rare as the target.
   */
  private static final double STEP = 0.1;

  /**
   * Starting width (1 - vigilance): a box spans about a tenth of the range per block, the fixed
   * vigilance of the first version.
   */
  private static final double START_WIDTH = 0.1;

  /**
   * Bounds of the learnt width: boxes never narrower than float noise would resolve, never so wide
   * that half the range per block looks alike (pure noise would otherwise widen them without end).
   */
  private static final double MIN_LOG_WIDTH = Math.log(0.001);

  private static final double MAX_LOG_WIDTH = Math.log(0.5);

  /** Fuzzy ART's choice parameter: among resonating boxes, prefer the tightest. */
  private static final double CHOICE = 0.001;

  /** Per box: lower corners, then one minus the upper corners (complement coding). */
  private final float[] boxes = new float[CATEGORIES * 2 * SHAPE];

  private final long[] lastUsed = new long[CATEGORIES];
  private final double[] blocks = new double[SHAPE];
  private final double[] shape = new double[SHAPE];

  /** Blocks of the detector's warm-up: the first shapes of a series are all new. */
  private final long warmupBlocks;

  private int categories;
  private int nextBlock;
  private long blocksSeen;
  private double blockSum;
  private int inBlock;
  private double lastRaw;
  private double logWidth = Math.log(START_WIDTH);

  AdaptiveResonance(int warmupRows) {
    this.warmupBlocks = warmupRows / BLOCK;
  }

  /**
   * Raw score of the shape ending with the last complete block (held between blocks), then learns
   * it.
   */
  double score(double value, double min, double max) {
    blockSum += value;
    if (++inBlock < BLOCK) {
      return lastRaw;
    }
    blocks[nextBlock] = blockSum / BLOCK;
    nextBlock = (nextBlock + 1) % SHAPE;
    blockSum = 0;
    inBlock = 0;
    blocksSeen++;
    if (blocksSeen >= SHAPE) {
      lastRaw = resonate(min, max);
      if (blocksSeen > warmupBlocks) {
        logWidth =
            Math.max(
                MIN_LOG_WIDTH, Math.min(MAX_LOG_WIDTH, logWidth + STEP * (lastRaw - TARGET_RATE)));
      }
    }
    return lastRaw;
  }

  /** 1 if the current shape needs a new box, else 0; then fuzzy ART's learning step. */
  private double resonate(double min, double max) {
    double width = max - min;
    double vigilance = 1.0 - Math.exp(logWidth);
    for (int i = 0; i < SHAPE; i++) {
      double block = blocks[(nextBlock + i) % SHAPE];
      // A flat history has no range to scale by: every value sits in its middle.
      double scaled = width > 0 ? (block - min) / width : 0.5;
      shape[i] = Math.max(0.0, Math.min(1.0, scaled));
    }
    int chosen = -1;
    double bestChoice = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < categories; c++) {
      int at = c * 2 * SHAPE;
      double overlap = 0;
      double size = 0;
      for (int i = 0; i < SHAPE; i++) {
        float lower = boxes[at + i];
        float upperComplement = boxes[at + SHAPE + i];
        overlap += Math.min(shape[i], lower) + Math.min(1.0 - shape[i], upperComplement);
        size += lower + upperComplement;
      }
      double match = overlap / SHAPE;
      double choice = overlap / (CHOICE + size);
      if (match >= vigilance && choice > bestChoice) {
        bestChoice = choice;
        chosen = c;
      }
    }
    boolean created = chosen < 0;
    if (created) {
      chosen = categories < CATEGORIES ? categories++ : leastRecentlyUsed();
      int at = chosen * 2 * SHAPE;
      for (int i = 0; i < SHAPE; i++) {
        boxes[at + i] = (float) shape[i];
        boxes[at + SHAPE + i] = (float) (1.0 - shape[i]);
      }
    } else {
      // Fast learning: the box grows just enough to hold the shape.
      int at = chosen * 2 * SHAPE;
      for (int i = 0; i < SHAPE; i++) {
        boxes[at + i] = (float) Math.min(boxes[at + i], shape[i]);
        boxes[at + SHAPE + i] = (float) Math.min(boxes[at + SHAPE + i], 1.0 - shape[i]);
      }
    }
    lastUsed[chosen] = blocksSeen;
    return created ? 1.0 : 0.0;
  }

  private int leastRecentlyUsed() {
    int oldest = 0;
    for (int c = 1; c < CATEGORIES; c++) {
      if (lastUsed[c] < lastUsed[oldest]) {
        oldest = c;
      }
    }
    return oldest;
  }

  void write(ByteBuffer out) {
    // Every box, used or not: the state of a series has one size from its first value on.
    out.putInt(categories);
    for (float b : boxes) {
      out.putFloat(b);
    }
    for (long used : lastUsed) {
      out.putLong(used);
    }
    for (double b : blocks) {
      out.putDouble(b);
    }
    out.putInt(nextBlock)
        .putLong(blocksSeen)
        .putDouble(blockSum)
        .putInt(inBlock)
        .putDouble(lastRaw)
        .putDouble(logWidth);
  }

  void read(ByteBuffer in) {
    categories = in.getInt();
    for (int i = 0; i < boxes.length; i++) {
      boxes[i] = in.getFloat();
    }
    for (int c = 0; c < CATEGORIES; c++) {
      lastUsed[c] = in.getLong();
    }
    for (int i = 0; i < SHAPE; i++) {
      blocks[i] = in.getDouble();
    }
    nextBlock = in.getInt();
    blocksSeen = in.getLong();
    blockSum = in.getDouble();
    inBlock = in.getInt();
    lastRaw = in.getDouble();
    logWidth = in.getDouble();
  }
}
