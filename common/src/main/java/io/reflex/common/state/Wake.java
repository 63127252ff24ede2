package io.reflex.common.state;

import java.io.Serializable;

/**
 * When an entry wants an update that no event of its own will bring (a window closing on a key that
 * went quiet): once the caller's event time passes {@code eventTime}, or the wall clock reaches
 * {@code wallTime}, whichever comes first. The update that writes an entry also writes its wake, so
 * the wake lives, and is backed up, with the entry: it outlives whichever replica asked for it.
 */
public record Wake(long eventTime, long wallTime) implements Serializable {

  /**
   * The wake to keep when an entry that waited for {@code previous} asks for this one: a request
   * for the same event time keeps the first wall-clock estimate (the one made when the wait began),
   * so repeating it moves nothing.
   */
  Wake after(Wake previous) {
    return previous != null && previous.eventTime == eventTime ? previous : this;
  }
}
