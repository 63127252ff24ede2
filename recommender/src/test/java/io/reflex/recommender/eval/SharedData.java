package io.reflex.recommender.eval;

import java.nio.file.Path;

/** The OTTO sample in the shared data. */
public final class SharedData {
  private SharedData() {}

  public static Path ottoSample() {
    return io.reflex.common.testing.SharedData.resolve("data/otto-sample/train.jsonl");
  }
}
