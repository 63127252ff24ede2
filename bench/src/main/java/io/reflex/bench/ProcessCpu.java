package io.reflex.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process from {@code /proc/<pid>/stat} (utime + stime), which counts only that
 * process's own work and so stays meaningful while neighbours compete for the cores; and the
 * machine's CPU pressure.
 */
final class ProcessCpu {

  /** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
  private static final long TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  static long cpuMicros(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // The command name may hold spaces; fields are counted after its closing parenthesis.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 1_000_000 / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * "some avg10" of /proc/pressure/cpu: the share of the last 10 s in which a runnable task waited
   * for a core.
   */
  static double pressureSomeAvg10() {
    try {
      String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).get(0);
      int at = some.indexOf("avg10=") + 6;
      return Double.parseDouble(some.substring(at, some.indexOf(' ', at)));
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }
}
