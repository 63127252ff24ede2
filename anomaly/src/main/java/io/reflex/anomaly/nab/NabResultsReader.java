package io.reflex.anomaly.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads NAB results files ({@code timestamp,value,anomaly_score,label}) back for scoring against
 * labels.
 */
public final class NabResultsReader {

  private NabResultsReader() {}

  /**
   * One scored series per labelled file, looked up as {@code
   * <resultsDir>/<category>/<detector>_<file>.csv}.
   */
  public static List<ScoredSeries> readAll(
      Path resultsDir, String detectorName, NabLabels labels, List<String> labelledNames) {
    List<ScoredSeries> out = new ArrayList<>();
    for (String name : labelledNames) {
      int slash = name.indexOf('/');
      Path file =
          resultsDir
              .resolve(name.substring(0, slash))
              .resolve(detectorName + "_" + name.substring(slash + 1));
      List<String> timestamps = new ArrayList<>();
      double[] scores = new double[1024];
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        in.readLine();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.isBlank()) {
            continue;
          }
          String[] cells = line.split(",");
          if (scores.length == timestamps.size()) {
            scores = Arrays.copyOf(scores, scores.length * 2);
          }
          scores[timestamps.size()] = Double.parseDouble(cells[2]);
          timestamps.add(cells[0]);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      double[] rowScores = Arrays.copyOf(scores, timestamps.size());
      NabSeries rows = new NabSeries(name, List.copyOf(timestamps), rowScores);
      out.add(new ScoredSeries(name, rowScores, labels.windowsOf(rows)));
    }
    return out;
  }
}
