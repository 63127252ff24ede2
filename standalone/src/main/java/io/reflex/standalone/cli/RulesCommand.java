package io.reflex.standalone.cli;

import picocli.CommandLine.Command;

/**
 * {@code reflex rules}: offline checks of a rules file, with the router's own parser and matcher.
 */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Checks a rules file without running the mesh.",
    subcommands = {RulesValidateCommand.class, RulesTestCommand.class, RulesExplainCommand.class})
public class RulesCommand {}
