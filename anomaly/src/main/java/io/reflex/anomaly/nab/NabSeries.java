package io.reflex.anomaly.nab;

import java.util.List;

/**
 * One NAB data file, rows in file order (repeated timestamps kept).
 *
 * @param name path relative to the data dir, {@code <category>/<file>.csv}: NAB's key in
 *     windows.json
 * @param timestamps row timestamps as written, {@code yyyy-MM-dd HH:mm:ss}
 * @param values row values
 */
public record NabSeries(String name, List<String> timestamps, double[] values) {

  public int size() {
    return values.length;
  }

  public String category() {
    return name.substring(0, name.indexOf('/'));
  }

  public String fileName() {
    return name.substring(name.indexOf('/') + 1);
  }

  /** First row with this timestamp: NAB window edges refer to it when timestamps repeat. */
  int firstRowAt(String timestamp) {
    int row = timestamps.indexOf(timestamp);
    if (row < 0) {
      throw new IllegalArgumentException(name + " has no row at " + timestamp);
    }
    return row;
  }
}
