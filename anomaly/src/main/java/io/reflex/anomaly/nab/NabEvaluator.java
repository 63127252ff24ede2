package io.reflex.anomaly.nab;

import io.reflex.anomaly.detector.Detector;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Replays a NAB corpus through a detector the way production feeds it: one fresh detector per file
 * (series id = file name), rows in file order, one at a time. Scores every row, optionally writing
 * NAB's results files.
 */
public final class NabEvaluator {

  /** Told after each file: files done, total files, the file just scored. */
  public interface Progress {
    void fileDone(int done, int total, String name);
  }

  private final Supplier<Detector> detectors;

  public NabEvaluator(Supplier<Detector> detectors) {
    this.detectors = detectors;
  }

  public ScoredSeries score(NabSeries series, List<Window> windows) {
    Detector detector = detectors.get();
    double[] scores = new double[series.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] =
          detector
              .observe(NabTime.toEpochMillis(series.timestamps().get(i)), series.values()[i])
              .score();
    }
    return new ScoredSeries(series.name(), scores, windows);
  }

  /** Scores every labelled series; files the labels do not cover are skipped, as NAB does. */
  public List<ScoredSeries> scoreAll(List<NabSeries> corpus, NabLabels labels, Progress progress) {
    List<NabSeries> labelled = corpus.stream().filter(s -> labels.covers(s.name())).toList();
    List<ScoredSeries> out = new ArrayList<>();
    for (NabSeries series : labelled) {
      out.add(score(series, labels.windowsOf(series)));
      progress.fileDone(out.size(), labelled.size(), series.name());
    }
    return out;
  }

  /** Writes {@code <resultsDir>/<category>/<detectorName>_<file>.csv} in NAB's results format. */
  public static void write(
      Path resultsDir, String detectorName, NabSeries series, ScoredSeries scored) {
    Path file =
        resultsDir.resolve(series.category()).resolve(detectorName + "_" + series.fileName());
    try {
      Files.createDirectories(file.getParent());
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        out.write("timestamp,value,anomaly_score,label\n");
        for (int i = 0; i < series.size(); i++) {
          int row = i;
          boolean inWindow = scored.windows().stream().anyMatch(w -> w.contains(row));
          out.write(
              series.timestamps().get(i)
                  + ","
                  + number(series.values()[i])
                  + ","
                  + scored.scores()[i]
                  + ","
                  + (inWindow ? 1 : 0)
                  + "\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Integral values keep NAB's look ({@code 21} rather than {@code 21.0}). */
  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
