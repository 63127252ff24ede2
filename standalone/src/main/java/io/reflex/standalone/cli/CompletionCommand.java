package io.reflex.standalone.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code reflex completion}: the bash/zsh completion script, generated from the command tree
 * itself.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the bash/zsh completion script: source <(reflex completion)",
      "To keep it, save it: reflex completion > /etc/bash_completion.d/reflex"
    })
public class CompletionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.commandLine().getParent();
    System.out.print(AutoComplete.bash("reflex", root));
    return ExitCodes.OK;
  }
}
