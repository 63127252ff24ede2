package io.reflex.anomaly.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code anomaly} command group, to be mounted under the {@code reflex} root command; its {@code main} runs the
 * group stand-alone (as documented in anomaly/DETECTOR.md) until then.
 */
@Command(name = "anomaly", mixinStandardHelpOptions = true, description = "Anomaly detector tools (NAB evaluation).",
    subcommands = {EvaluateCommand.class, ScoreCommand.class})
public final class AnomalyCommand {

  public static void main(String[] args) {
    System.exit(new CommandLine(new AnomalyCommand()).execute(args));
  }
}
