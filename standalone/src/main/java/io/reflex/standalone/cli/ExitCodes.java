package io.reflex.standalone.cli;

/** Exit codes of the commands that talk to a mesh or check rules; {@code --help} lists them. */
final class ExitCodes {

  static final int OK = 0;

  /** Some events were rejected, or the rules file is invalid. */
  static final int REJECTED = 1;

  /** Bad arguments or unreadable input (picocli's usage error code). */
  static final int USAGE = 2;

  static final int GATEWAY_UNREACHABLE = 3;

  private ExitCodes() {}
}
