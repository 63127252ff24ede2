package io.reflex.anomaly.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A labelled event log for the event-rate detector: a daily-cycling rate of events per minute with
 * planted incidents of known windows (a burst, a drop to nothing, a slow drift upwards),
 * deterministic for a seed. Used to measure precision, recall and time to detect of {@code
 * reflex.anomaly.detected} on a rate series.
 */
public final class RateIncidents {
  private static final long MINUTE = 60_000;
  private static final int MINUTES_PER_DAY = 1440;

  private static final int PER_KIND = 3;

  /** The kinds of planted incident and how long each lasts. */
  public enum Kind {
    BURST(10),
    DROP(30),
    DRIFT(240);

    private final int minutes;

    Kind(int minutes) {
      this.minutes = minutes;
    }
  }

  /** A planted incident: event time {@code [startMillis, endMillis)}. */
  public record Incident(Kind kind, long startMillis, long endMillis) {
    public boolean covers(long timeMillis, long graceMillis) {
      return timeMillis >= startMillis && timeMillis < endMillis + graceMillis;
    }
  }

  /** The event times of the log, in order, and its incidents. */
  public record Log(long[] eventTimes, List<Incident> incidents) {}

  private RateIncidents() {}

  /**
   * @param startMillis first minute of the log (aligned down to a minute)
   * @param days length of the log, at least 3; three incidents of each kind, after the first day
   *     (the detector learns there)
   * @param baseRate mean events per minute at the daily peak; the trough is a third of it
   */
  public static Log generate(long seed, long startMillis, int days, double baseRate) {
    if (days < 3 || baseRate <= 0) {
      // Two days after the first leave 320-minute slots for the nine incidents; fewer would not
      // hold a drift.
      throw new IllegalArgumentException(
          "need days >= 3 and baseRate > 0, got " + days + ", " + baseRate);
    }
    Random random = new Random(seed);
    long start = Math.floorDiv(startMillis, MINUTE) * MINUTE;
    int minutes = days * MINUTES_PER_DAY;
    List<Incident> incidents = new ArrayList<>();
    int planted = PER_KIND * Kind.values().length;
    // Each incident is centred in a slot of its own after the first day: a slot must hold the
    // longest (a drift).
    int slot = (minutes - MINUTES_PER_DAY) / planted;
    for (int i = 0; i < planted; i++) {
      Kind kind = Kind.values()[i % Kind.values().length];
      int at = MINUTES_PER_DAY + i * slot + (slot - kind.minutes) / 2;
      incidents.add(new Incident(kind, start + at * MINUTE, start + (at + kind.minutes) * MINUTE));
    }
    List<Long> times = new ArrayList<>();
    for (int m = 0; m < minutes; m++) {
      double daily = 2.0 / 3 + Math.sin(2 * Math.PI * (m % MINUTES_PER_DAY) / MINUTES_PER_DAY) / 3;
      double rate = baseRate * daily * factor(incidents, start + m * MINUTE);
      int count = poisson(random, rate);
      for (int e = 0; e < count; e++) {
        times.add(start + m * MINUTE + e * (MINUTE / count));
      }
    }
    return new Log(times.stream().mapToLong(Long::longValue).toArray(), List.copyOf(incidents));
  }

  /**
   * How an incident scales the normal rate at a time: a burst x8, a drop to 0, a drift rising to
   * x3.
   */
  private static double factor(List<Incident> incidents, long time) {
    for (Incident incident : incidents) {
      if (time >= incident.startMillis() && time < incident.endMillis()) {
        return switch (incident.kind()) {
          case BURST -> 8.0;
          case DROP -> 0.0;
          case DRIFT ->
              1.0
                  + 2.0
                      * (time - incident.startMillis())
                      / (incident.endMillis() - incident.startMillis());
        };
      }
    }
    return 1.0;
  }

  /** Knuth's method: fine for the small means of a per-minute rate. */
  private static int poisson(Random random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }
}
