package io.reflex.gateway.resume;

/**
 * A place in the output log, as {@code event} frames carry it: opaque to clients, who only hand it
 * back in a {@code subscribe}'s {@code from}. It names the partition as well as the offset so that
 * the log may grow partitions without breaking cursors already given out.
 */
public record Cursor(int partition, long offset) {

  public String encode() {
    return partition + "-" + offset;
  }

  /**
   * @throws IllegalArgumentException when the text is not a cursor this gateway gave out
   */
  public static Cursor parse(String text) {
    int dash = text.indexOf('-');
    try {
      if (dash > 0) {
        int partition = Integer.parseInt(text.substring(0, dash));
        long offset = Long.parseLong(text.substring(dash + 1));
        if (partition >= 0 && offset >= 0) {
          return new Cursor(partition, offset);
        }
      }
    } catch (NumberFormatException e) {
      // reported below, with the text
    }
    throw new IllegalArgumentException("'" + text + "' is not a cursor from an event frame");
  }
}
