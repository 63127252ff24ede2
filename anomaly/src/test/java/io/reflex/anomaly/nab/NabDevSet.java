package io.reflex.anomaly.nab;

import io.reflex.common.testing.SharedData;
import java.nio.file.Path;
import java.util.List;

/**
 * Locates the shared nab-dev set for tests: system property {@code reflex.shared.dir}, else
 * ../../shared.
 */
public final class NabDevSet {
  private static List<NabSeries> corpus;
  private static NabLabels labels;

  private NabDevSet() {}

  public static Path root() {
    return SharedData.resolve("data/nab-dev");
  }

  public static synchronized List<NabSeries> corpus() {
    if (corpus == null) {
      corpus = NabCorpusReader.readAll(root().resolve("data"));
    }
    return corpus;
  }

  public static synchronized NabLabels labels() {
    if (labels == null) {
      labels = NabLabels.read(root().resolve("labels/windows.json"));
    }
    return labels;
  }
}
