package io.reflex.anomaly.detector;

/** Online anomaly detector for ONE series; not thread-safe (one caller at a time). */
public interface Detector {

  /** Scores the next point of the series; points must arrive in series order. */
  Verdict observe(long eventTimeMillis, double value);

  /** Complete state as bytes; {@link Detectors#restore} continues bit-identically from it. */
  byte[] snapshot();
}
