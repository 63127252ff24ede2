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
import java.util.stream.Stream;

/**
 * Reads NAB's {@code data/<category>/<file>.csv} layout; files are returned sorted by name so runs
 * are reproducible.
 */
public final class NabCorpusReader {

  private NabCorpusReader() {}

  public static List<NabSeries> readAll(Path dataDir) {
    try (Stream<Path> files = Files.walk(dataDir)) {
      return files
          .filter(f -> f.toString().endsWith(".csv"))
          .sorted()
          .map(f -> read(f, dataDir.relativize(f).toString().replace('\\', '/')))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads one {@code timestamp,value} file; tolerates a missing final newline and blank trailing
   * lines.
   */
  public static NabSeries read(Path file, String name) {
    List<String> timestamps = new ArrayList<>();
    double[] values = new double[1024];
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null || !header.startsWith("timestamp")) {
        throw new IllegalArgumentException(file + ": expected a 'timestamp,value' header");
      }
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        int comma = line.indexOf(',');
        if (values.length == timestamps.size()) {
          values = Arrays.copyOf(values, values.length * 2);
        }
        values[timestamps.size()] = Double.parseDouble(line.substring(comma + 1).trim());
        timestamps.add(line.substring(0, comma).trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new NabSeries(name, List.copyOf(timestamps), Arrays.copyOf(values, timestamps.size()));
  }
}
