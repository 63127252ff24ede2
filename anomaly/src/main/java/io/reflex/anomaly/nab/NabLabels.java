package io.reflex.anomaly.nab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** NAB's windows.json: {@code {"<category>/<file>.csv": [["start", "end"], ...]}}. */
public final class NabLabels {
  private final Map<String, List<List<String>>> windowsByFile;

  private NabLabels(Map<String, List<List<String>>> windowsByFile) {
    this.windowsByFile = windowsByFile;
  }

  public static NabLabels read(Path windowsJson) {
    try {
      return new NabLabels(
          new ObjectMapper().readValue(windowsJson.toFile(), new TypeReference<>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Labelled series names, sorted. */
  public List<String> seriesNames() {
    return windowsByFile.keySet().stream().sorted().toList();
  }

  public boolean covers(String seriesName) {
    return windowsByFile.containsKey(seriesName);
  }

  /** The series' windows as row indices; an edge timestamp maps to the first row carrying it. */
  public List<Window> windowsOf(NabSeries series) {
    List<List<String>> edges = windowsByFile.get(series.name());
    if (edges == null) {
      throw new IllegalArgumentException("no labels for " + series.name());
    }
    return edges.stream()
        .map(
            e ->
                new Window(
                    series.firstRowAt(rowTimestamp(e.get(0))),
                    series.firstRowAt(rowTimestamp(e.get(1)))))
        .toList();
  }

  /** Label timestamps carry a {@code .000000} suffix the data rows do not have. */
  private static String rowTimestamp(String labelTimestamp) {
    int dot = labelTimestamp.indexOf('.');
    return dot < 0 ? labelTimestamp : labelTimestamp.substring(0, dot);
  }
}
