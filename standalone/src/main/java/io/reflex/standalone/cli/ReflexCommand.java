package io.reflex.standalone.cli;

import io.reflex.anomaly.cli.AnomalyCommand;
import io.reflex.bench.BenchCommand;
import io.reflex.recommender.cli.RecommenderCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code reflex} command. */
@Command(
    name = "reflex",
    mixinStandardHelpOptions = true,
    version = "Reflex 0.1.0",
    description =
        "An event-driven processing mesh: rules, anomaly detection and recommendations on streaming events.",
    subcommands = {
      StandaloneCommand.class,
      RunCommand.class,
      SendCommand.class,
      SubscribeCommand.class,
      RulesCommand.class,
      ReplayCommand.class,
      AnomalyCommand.class,
      RecommenderCommand.class,
      BenchCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public class ReflexCommand {

  public static void main(String[] args) {
    int code =
        new CommandLine(new ReflexCommand())
            .setExecutionExceptionHandler(new InputErrors())
            .execute(args);
    // Commands that start the mesh return 0 and leave Vert.x threads running; everything else ends
    // here.
    if (code != 0 || args.length == 0 || !isServer(args[0])) {
      System.exit(code);
    }
  }

  private static boolean isServer(String command) {
    return command.equals("standalone") || command.equals("run");
  }
}
