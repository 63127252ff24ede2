package io.reflex.anomaly.detector;

import java.nio.ByteBuffer;

/**
 * How unlike every shape seen so far the recent stretch of a series is: the idea of ARTime (Mark
 * Hampton's NAB entry, adaptive resonance theory over a window of recent values), re-implemented
 * from its published description, no code read or taken. Values are averaged in blocks; the last
 * blocks, scaled to the range seen so far, form a shape; a fuzzy ART network (Carpenter, Grossberg
 * and Rosen, 1991) keeps categories of shapes as boxes and grows the box a shape resonates with
 * (matches at the vigilance or better), or makes a new one. The raw score is how far the shape lies
 * outside the nearest box, as a share of the range per block: 0 for a shape like one seen before.
 * Bounded: at most {@link #CATEGORIES} boxes, the least recently used one is replaced.
 */
final class AdaptiveResonance {
  /** Values averaged into one block: smooths row noise and makes the shape span more time. */
  private static final int BLOCK = 4;

  /** Blocks in a shape. */
  private static final int SHAPE = 8;

  private static final int CATEGORIES = 64;

  /**
   * Share of a shape a box must already cover for the shape to join it, so a box spans at most
   * about a tenth of the range per block.
   */
  private static final double VIGILANCE = 0.9;

  /** Fuzzy ART's choice parameter: among resonating boxes, prefer the tightest. */
  private static final double CHOICE = 0.001;

  /** Per box: lower corners, then one minus the upper corners (complement coding). */
  private final float[] boxes = new float[CATEGORIES * 2 * SHAPE];

  private final long[] lastUsed = new long[CATEGORIES];
  private final double[] blocks = new double[SHAPE];
  private final double[] shape = new double[SHAPE];
  private int categories;
  private int nextBlock;
  private long blocksSeen;
  private double blockSum;
  private int inBlock;
  private double lastRaw;

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
    }
    return lastRaw;
  }

  /** Distance of the current shape from the nearest box, then fuzzy ART's learning step. */
  private double resonate(double min, double max) {
    double width = max - min;
    for (int i = 0; i < SHAPE; i++) {
      double block = blocks[(nextBlock + i) % SHAPE];
      // A flat history has no range to scale by: every value sits in its middle.
      double scaled = width > 0 ? (block - min) / width : 0.5;
      shape[i] = Math.max(0.0, Math.min(1.0, scaled));
    }
    double bestMatch = 0;
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
      bestMatch = Math.max(bestMatch, match);
      double choice = overlap / (CHOICE + size);
      if (match >= VIGILANCE && choice > bestChoice) {
        bestChoice = choice;
        chosen = c;
      }
    }
    if (chosen < 0) {
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
    return 1.0 - bestMatch;
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
    out.putInt(categories);
    for (int i = 0; i < categories * 2 * SHAPE; i++) {
      out.putFloat(boxes[i]);
    }
    for (int c = 0; c < categories; c++) {
      out.putLong(lastUsed[c]);
    }
    for (double b : blocks) {
      out.putDouble(b);
    }
    out.putInt(nextBlock)
        .putLong(blocksSeen)
        .putDouble(blockSum)
        .putInt(inBlock)
        .putDouble(lastRaw);
  }

  void read(ByteBuffer in) {
    categories = in.getInt();
    for (int i = 0; i < categories * 2 * SHAPE; i++) {
      boxes[i] = in.getFloat();
    }
    for (int c = 0; c < categories; c++) {
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
  }
}
