package io.reflex.recommender.eval;

import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * One model's replay: the rank of every evaluated event (in replay order, 0 = missed) and its cost.
 *
 * @param eventIndex index into the replay log of each evaluated event
 * @param ranks 1-based rank of the event's item in the model's top-20, 0 if absent
 * @param seconds wall time of the whole replay (every learn and every recommend)
 */
public record ModelResult(
    String model,
    int[] eventIndex,
    int[] ranks,
    int replayedEvents,
    double seconds,
    double recommendP50Micros,
    double recommendP99Micros) {

  public Metrics overall() {
    return Metrics.of(ranks);
  }

  /** Metrics over the evaluated events whose log index satisfies {@code subset}. */
  public Metrics where(IntPredicate subset) {
    return Metrics.of(
        IntStream.range(0, ranks.length)
            .filter(i -> subset.test(eventIndex[i]))
            .map(i -> ranks[i])
            .toArray());
  }

  public double eventsPerSecond() {
    return seconds == 0 ? 0 : replayedEvents / seconds;
  }

  /** Whether evaluated event {@code i} was a hit within the top {@code k}. */
  boolean hit(int i, int k) {
    return ranks[i] > 0 && ranks[i] <= k;
  }
}
