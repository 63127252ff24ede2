package io.reflex.router.sequence;

import java.io.Serializable;

/**
 * The events one batch brought to one sequence rule for one key, in arrival order: each event's
 * JSON text, event time, the steps whose patterns it matched ({@code matched[i][step]}) and its
 * event-log position ({@link io.reflex.common.event.LogPosition#NONE} when not from the log). They
 * travel together in one store update.
 */
public record KeyEvents(
    String key, String[] events, long[] times, boolean[][] matched, long[] positions)
    implements Serializable {

  public int size() {
    return events.length;
  }
}
