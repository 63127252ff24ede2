package io.reflex.anomaly.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reflex.anomaly.sim.RateIncidents.Incident;
import io.reflex.anomaly.sim.RateIncidents.Kind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The labelled event-rate log: deterministic, incidents after the first day, and each kind shapes
 * the rate.
 */
class RateIncidentsTest {
  private static final long DAY = 86_400_000L;
  private static final long START = 1_772_409_600_000L;

  private static long eventsIn(long[] times, long from, long to) {
    return Arrays.stream(times).filter(t -> t >= from && t < to).count();
  }

  @Test
  void plantsThreeIncidentsOfEachKindAfterTheFirstDay() {
    RateIncidents.Log log = RateIncidents.generate(7, START, 3, 6.0);
    assertThat(log.eventTimes()).isSorted();
    assertThat(RateIncidents.generate(7, START, 3, 6.0).eventTimes()).isEqualTo(log.eventTimes());
    assertThat(log.incidents())
        .hasSize(9)
        .allSatisfy(
            i -> {
              assertThat(i.startMillis()).isGreaterThanOrEqualTo(START + DAY);
              assertThat(i.endMillis()).isLessThanOrEqualTo(START + 3 * DAY);
            });
    assertThat(log.incidents().stream().filter(i -> i.kind() == Kind.DRIFT)).hasSize(3);
    for (Incident incident : log.incidents()) {
      long width = incident.endMillis() - incident.startMillis();
      long during = eventsIn(log.eventTimes(), incident.startMillis(), incident.endMillis());
      long before =
          eventsIn(log.eventTimes(), incident.startMillis() - width, incident.startMillis());
      switch (incident.kind()) {
        case BURST -> assertThat(during).isGreaterThan(3 * before);
        case DROP -> assertThat(during).isZero();
        case DRIFT -> assertThat(during).isGreaterThan(before);
      }
    }
  }

  @Test
  void refusesALogTooShortToLearnFrom() {
    assertThatThrownBy(() -> RateIncidents.generate(1, START, 2, 6.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("days >= 3");
  }
}
