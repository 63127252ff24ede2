package io.reflex.recommender.eval;

/**
 * A line of an interaction log that does not fit its format. The message is one line, {@code
 * file:line: expected ..., found ...}, meant to be shown as is (no stack trace): the CLI maps it to
 * exit code 2.
 */
public final class BadLineException extends IllegalArgumentException {
  BadLineException(String message) {
    super(message);
  }

  /** What a parser throws before it knows the file and line; {@link LogFormat#read} adds them. */
  static BadLineException expected(String expected, String found) {
    return new BadLineException("expected " + expected + ", found " + quoted(found));
  }

  static String quoted(String text) {
    String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
    return "'" + shown.replace("\t", "\\t") + "'";
  }

  BadLineException at(Object file, int line) {
    return new BadLineException(file + ":" + line + ": " + getMessage());
  }
}
