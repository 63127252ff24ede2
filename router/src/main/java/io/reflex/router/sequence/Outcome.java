package io.reflex.router.sequence;

import java.io.Serializable;
import java.util.List;

/**
 * What one store update did for a rule and key (named here): the completed matches (template
 * contexts as JSON text, in order), how many partial matches the cap dropped, how many events came
 * too late to count, the event time at which the state next needs a look (a window closing; {@link
 * Long#MAX_VALUE} when it holds nothing) and how many partial matches remain, with how much that
 * and the stored bytes changed (for the per-rule telemetry).
 */
public record Outcome(
    String key,
    List<String> matches,
    int dropped,
    int late,
    long nextDeadline,
    int partials,
    int partialsChange,
    int bytesChange)
    implements Serializable {

  public Outcome {
    matches = List.copyOf(matches);
  }
}
