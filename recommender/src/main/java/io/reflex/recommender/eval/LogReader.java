package io.reflex.recommender.eval;

import io.reflex.recommender.model.Interaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an interaction log in file order, in a given format or the one its first line shows. */
public final class LogReader {
  private LogReader() {}

  /** The format of {@code file}, from its first non-blank line. */
  public static LogFormat detect(Path file) {
    try (BufferedReader in = open(file)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          return LogFormat.detect(line);
        }
      }
      return LogFormat.CSV;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Reads {@code file}; {@code format} null means detect it. A bad line throws {@link
   * BadLineException}.
   */
  public static List<Interaction> read(Path file, LogFormat format) {
    LogFormat chosen = format != null ? format : detect(file);
    List<Interaction> events = new ArrayList<>();
    try (BufferedReader in = open(file)) {
      int number = 0;
      boolean first = true;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        boolean header = first && chosen.isHeader(line);
        first = false;
        if (!header) {
          try {
            chosen.parse(line, events);
          } catch (BadLineException e) {
            throw e.at(file, number);
          }
        }
      }
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    return events;
  }

  private static BufferedReader open(Path file) throws IOException {
    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }

  private static UncheckedIOException unreadable(Path file, IOException e) {
    String why = e instanceof NoSuchFileException ? "no such file" : e.toString();
    return new UncheckedIOException(file + ": cannot read: " + why, e);
  }
}
