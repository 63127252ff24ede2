package io.reflex.anomaly.nab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Locates the shared nab-dev set for tests: system property {@code reflex.shared.dir}, else ../../shared. */
public final class NabDevSet {
  private static List<NabSeries> corpus;
  private static NabLabels labels;

  private NabDevSet() {
  }

  public static Path root() {
    String shared = System.getProperty("reflex.shared.dir");
    Path base = shared != null ? Path.of(shared) : Path.of("../../shared");
    Path root = base.resolve("data/nab-dev");
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("nab-dev not found at " + root.toAbsolutePath());
    }
    return root;
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
