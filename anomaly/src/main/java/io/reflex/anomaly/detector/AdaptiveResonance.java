package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/**
 * Whether the recent stretch of a series has a shape unlike every shape seen so far: the idea of
 * ARTime (Mark Hampton's NAB entry, adaptive resonance theory over a window of recent values),
 * re-implemented from its published description, no code read or taken. Values are averaged in
 * blocks; the last blocks, scaled to the series' robust level +- 3 spreads, form a shape; a fuzzy
 * ART network (Carpenter, Grossberg and Rosen, 1991) keeps categories of shapes as boxes and grows
 * the box a shape resonates with (matches at the vigilance or better), or makes a new one. As in
 * ARTime, a new category is the anomaly: the raw score is 1 when the shape resonates with no box
 * and lies clearly outside every box, else 0; shapes that still hold an incident another view
 * reported score 0.
 *
 * <p>The vigilance is learnt per series, not fixed (a fixed one was a narrow peak on the dev set,
 * anomaly/DETECTOR.md): after warm-up, every new box widens the boxes a little and every shape that
 * resonates narrows them a little, so that new boxes come at NAB's prior rate of anomalies. A
 * series whose shapes vary a lot gets wide boxes instead of a stream of new ones; a regular one
 * keeps narrow boxes and notices small changes of shape, but never narrower than its own noise.
 * Bounded: at most {@link #CATEGORIES} boxes, the least recently used one is replaced.
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
   * Starting width (1 - vigilance): a box spans about a tenth of a series' usual range per block,
   * the first version's fixed vigilance (a series' range is ~3 of the 6 spreads a shape spans).
   */
  private static final double START_WIDTH = 0.05;

  /**
   * Bounds of the learnt width: boxes never narrower than float noise would resolve, never so wide
   * that half the range per block looks alike (pure noise would otherwise widen them without end).
   */
  private static final double MIN_WIDTH = 0.001;

  private static final double MAX_LOG_WIDTH = Math.log(0.5);

  /**
   * A shape spans its series' level +- this many spreads: like the running range it keeps where a
   * stretch lies, not only its form, but a spike does not stretch it for every later shape.
   */
  private static final double SPREADS = 3.0;

  /**
   * EW weight per block of the shape view's level, spread and noise: ~400 rows, slow enough that a
   * shape keeps its place in the series' usual span.
   */
  private static final double LEVEL_ALPHA = 0.01;

  /**
   * Deviations and noise residuals are clipped at this many spreads before they are learnt: one
   * outlier moves the scale by a few percent at most (Huber's robust estimate).
   */
  private static final double CLIP = 4.0;

  /**
   * Boxes are never narrower than this many noise spreads of a block (in shape units): a box must
   * hold a shape and its noisy repeats, or noise alone makes new boxes on a steady series.
   */
  private static final double NOISE_WIDTHS = 8.0;

  /**
   * A new box is news only when its shape lies outside every box by more than this share of the box
   * width, per block. Below it the new box is bookkeeping: an old box grown wider than the narrowed
   * vigilance allows, or one evicted and rebuilt on a periodic series. Chosen on synthetic series
   * only (anomaly/DETECTOR.md, sixth round): 0 lets a daily wave's rebuilt boxes alert, 0.5 misses
   * a day of square wave in place of the sine.
   */
  private static final double NEWS_SHARE = 0.25;

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
  private double level;
  private double variance;

  /** Variance of the blocks' noise: what a straight line through a block's neighbours misses. */
  private double noise;

  /** Blocks still to come whose shapes hold an incident another view reported. */
  private int heldBlocks;

  /**
   * How far the last shape lies outside the box nearest to it, per block (scratch of {@link
   * #resonate}).
   */
  private double nearestOutside;

  AdaptiveResonance(int warmupRows) {
    this.warmupBlocks = warmupRows / BLOCK;
  }

  /**
   * Raw score of the shape ending with the last complete block (held between blocks), then learns
   * it.
   */
  double score(double value) {
    blockSum += value;
    if (++inBlock < BLOCK) {
      return lastRaw;
    }
    double block = blockSum / BLOCK;
    blocks[nextBlock] = block;
    nextBlock = (nextBlock + 1) % SHAPE;
    blockSum = 0;
    inBlock = 0;
    blocksSeen++;
    learnScale(block);
    if (blocksSeen >= SHAPE) {
      boolean created = resonate();
      boolean news = created && nearestOutside > NEWS_SHARE * Math.exp(logWidth);
      boolean held = heldBlocks > 0;
      if (held) {
        heldBlocks--;
      }
      lastRaw = news && !held ? 1.0 : 0.0;
      if (blocksSeen > warmupBlocks && !held) {
        double floor =
            Math.log(Math.min(1.0, Math.max(NOISE_WIDTHS * noiseInShapeUnits(), MIN_WIDTH)));
        logWidth =
            Math.max(
                floor,
                Math.min(MAX_LOG_WIDTH, logWidth + STEP * ((created ? 1.0 : 0.0) - TARGET_RATE)));
      }
    }
    return lastRaw;
  }

  /**
   * The shapes that still hold an incident another view has just reported are that incident, not
   * news: they are learnt but score 0 until it has left the shape.
   */
  void hold() {
    heldBlocks = SHAPE;
    lastRaw = 0.0;
  }

  private void learnScale(double block) {
    double a = Math.max(LEVEL_ALPHA, 1.0 / blocksSeen);
    double spread = Math.sqrt(variance);
    double d = block - level;
    if (blocksSeen > SHAPE) {
      d = Math.max(-CLIP * spread, Math.min(CLIP * spread, d));
    }
    level += a * d;
    variance = (1 - a) * (variance + a * d * d);
    if (blocksSeen >= 3) {
      // Second differences ignore a level and a straight trend; white noise gives 6 x its variance.
      double b1 = blocks[Math.floorMod(nextBlock - 2, SHAPE)];
      double b2 = blocks[Math.floorMod(nextBlock - 3, SHAPE)];
      double residual = (block - 2 * b1 + b2) * (block - 2 * b1 + b2) / 6;
      if (blocksSeen > SHAPE) {
        residual = Math.min(residual, CLIP * CLIP * noise);
      }
      double an = Math.max(LEVEL_ALPHA, 1.0 / (blocksSeen - 2));
      noise += an * (residual - noise);
    }
  }

  private double noiseInShapeUnits() {
    double spread = Math.sqrt(variance);
    return spread > 0 ? Math.sqrt(noise) / (2 * SPREADS * spread) : 0.0;
  }

  /** Whether the current shape needs a new box; then fuzzy ART's learning step. */
  private boolean resonate() {
    double span = 2 * SPREADS * Math.sqrt(variance);
    double vigilance = 1.0 - Math.exp(logWidth);
    for (int i = 0; i < SHAPE; i++) {
      double block = blocks[(nextBlock + i) % SHAPE];
      // A flat history has no spread to scale by: every value sits in its middle.
      double scaled = span > 0 ? 0.5 + (block - level) / span : 0.5;
      shape[i] = Math.max(0.0, Math.min(1.0, scaled));
    }
    int chosen = -1;
    double bestChoice = Double.NEGATIVE_INFINITY;
    nearestOutside = Double.POSITIVE_INFINITY;
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
      nearestOutside = Math.min(nearestOutside, (size - overlap) / SHAPE);
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
    return created;
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
        .putDouble(logWidth)
        .putDouble(level)
        .putDouble(variance)
        .putDouble(noise)
        .putInt(heldBlocks);
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
    level = in.getDouble();
    variance = in.getDouble();
    noise = in.getDouble();
    heldBlocks = in.getInt();
  }
}
