package io.reflex.recommender.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code reflex recommender ...}: groups the recommender's offline tools. */
@Command(
    name = "recommender",
    mixinStandardHelpOptions = true,
    description = "Offline tools of the recommender.",
    subcommands = {EvaluateCommand.class, SimulateCommand.class, SpeedCommand.class})
public final class RecommenderCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Without a subcommand: show what there is. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
