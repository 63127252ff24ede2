package io.reflex.standalone.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Bad input met while a command runs (a malformed line of a file it reads, an unreadable file, a
 * value it cannot use) ends the command with one line on stderr and exit code 2, like a bad option:
 * the user needs the file, the line and what was wrong, not a stack trace. Anything else is a bug
 * and keeps its stack trace.
 */
final class InputErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed)
      throws Exception {
    if (e instanceof NoSuchFileException missing) {
      command.getErr().println(missing.getFile() + ": no such file");
    } else if (e instanceof IllegalArgumentException
        || e instanceof UncheckedIOException
        || e instanceof IOException) {
      command.getErr().println(e.getMessage());
    } else {
      throw e;
    }
    return ExitCodes.USAGE;
  }
}
