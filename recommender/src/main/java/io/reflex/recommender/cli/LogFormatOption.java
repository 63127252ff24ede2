package io.reflex.recommender.cli;

import io.reflex.recommender.eval.LogFormat;
import io.reflex.recommender.eval.LogReader;
import io.reflex.recommender.model.Interaction;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --format} override shared by the commands that read an interaction log. */
final class LogFormatOption {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "log format, detected from the first line when "
              + "absent: csv (user,item,type,timestamp[,session]), sessions (session,item,timestamp), session-rec "
              + "(TSV SessionId ItemId Time, unix seconds), movielens (u.data), movielens-csv (ratings.csv), "
              + "retailrocket (events.csv), otto (JSON Lines)")
  String format;

  List<Interaction> read(Path file) {
    return LogReader.read(file, format == null ? null : LogFormat.named(format));
  }
}
