package io.reflex.anomaly.cli;

import picocli.CommandLine.Command;

/** {@code reflex anomaly}: the detector's evaluation tools. */
@Command(
    name = "anomaly",
    mixinStandardHelpOptions = true,
    description = "Anomaly detector tools (NAB evaluation).",
    subcommands = {EvaluateCommand.class, ScoreCommand.class})
public final class AnomalyCommand {}
