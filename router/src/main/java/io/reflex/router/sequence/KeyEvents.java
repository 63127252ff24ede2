package io.reflex.router.sequence;

import java.io.Serializable;

/**
 * The events one batch brought to one sequence rule for one key, in arrival order: each event's JSON text, event time
 * and the steps whose patterns it matched ({@code matched[i][step]}). They travel together in one store update.
 */
public record KeyEvents(String key, String[] events, long[] times, boolean[][] matched) implements Serializable {

  public int size() {
    return events.length;
  }
}
