package io.reflex.router.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Per-rule figures: matches (and matches per second), derived events emitted, the sampled cost of a
 * match, and for sequence rules the partial matches held and their state bytes (as this replica's
 * updates changed them). Counting a match is one map lookup; the cost is measured on one batch
 * event in {@value #SAMPLE_EVERY} only, so the hot path pays nothing measurable.
 *
 * <p>Exported on /metrics for the {@code top} busiest rules of the last period, the rest summed
 * into the row {@code rule="other"}, so that 10,000 rules make {@code top + 1} series per metric,
 * not 10,000.
 */
public final class RuleTelemetry {

  static final int SAMPLE_EVERY = 256;
  static final String OTHER = "other";

  private final Map<String, RuleStats> rules = new HashMap<>();
  private final int top;
  private final List<Exported> exported = new ArrayList<>();
  private int countdown = SAMPLE_EVERY;
  private long lastPublish = System.nanoTime();

  public RuleTelemetry(MeterRegistry meters, int top) {
    this.top = top;
    export(
        meters,
        "reflex_rule_hits",
        "matches (sequence rules: completed sequences) since start",
        s -> s.matches,
        false);
    export(
        meters,
        "reflex_rule_matches_per_second",
        "matches per second over the last period",
        s -> s.matchesPerSecond,
        false);
    export(
        meters,
        "reflex_rule_match_cost_microseconds",
        "sampled cost of one match: its share of the matcher call plus planning its actions",
        RuleStats::costMicros,
        true);
    export(
        meters,
        "reflex_rule_derived_events",
        "derived events the rule's emit actions produced",
        s -> s.derived,
        false);
    export(
        meters,
        "reflex_rule_partials_held",
        "sequence rules: partial matches held",
        s -> s.partials,
        false);
    export(
        meters,
        "reflex_rule_state_bytes",
        "sequence rules: bytes of stored state",
        s -> s.stateBytes,
        false);
  }

  /** Whether this event's cost is measured: true once every {@value #SAMPLE_EVERY} calls. */
  public boolean sample() {
    if (--countdown > 0) {
      return false;
    }
    countdown = SAMPLE_EVERY;
    return true;
  }

  public void matched(String rule) {
    stats(rule).matches++;
  }

  public void cost(String rule, long nanos) {
    RuleStats stats = stats(rule);
    stats.costNanos += nanos;
    stats.costSamples++;
  }

  public void derived(String rule, int count) {
    if (count > 0) {
      stats(rule).derived += count;
    }
  }

  public void sequence(String rule, int partialsChange, int bytesChange) {
    RuleStats stats = stats(rule);
    stats.partials += partialsChange;
    stats.stateBytes += bytesChange;
  }

  public long hits(String rule) {
    RuleStats stats = rules.get(rule);
    return stats == null ? 0 : stats.matches;
  }

  /** Updates the rates and the exported rows; the router calls it periodically. */
  public void publish() {
    long now = System.nanoTime();
    double seconds = Math.max((now - lastPublish) / 1e9, 1e-3);
    lastPublish = now;
    for (RuleStats stats : rules.values()) {
      stats.matchesPerSecond = (stats.matches - stats.matchesAtLastPublish) / seconds;
      stats.matchesAtLastPublish = stats.matches;
    }
    List<Map.Entry<String, RuleStats>> busiest = new ArrayList<>(rules.entrySet());
    busiest.sort(
        Comparator.<Map.Entry<String, RuleStats>>comparingDouble(
                e -> -e.getValue().matchesPerSecond)
            .thenComparingLong(e -> -e.getValue().matches)
            .thenComparing(Map.Entry::getKey));
    for (Exported metric : exported) {
      metric.publish(busiest, top);
    }
  }

  private RuleStats stats(String rule) {
    return rules.computeIfAbsent(rule, id -> new RuleStats());
  }

  /**
   * @param averaged the row of the other rules is their mean (a cost), not their sum (a count)
   */
  private void export(
      MeterRegistry meters,
      String name,
      String description,
      ToDoubleFunction<RuleStats> value,
      boolean averaged) {
    exported.add(
        new Exported(
            MultiGauge.builder(name).description(description).register(meters), value, averaged));
  }

  /** One metric: a row per top rule and one for the rest. */
  private record Exported(MultiGauge gauge, ToDoubleFunction<RuleStats> value, boolean averaged) {

    void publish(List<Map.Entry<String, RuleStats>> busiest, int top) {
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      double other = 0;
      int others = 0;
      for (int i = 0; i < busiest.size(); i++) {
        double figure = value.applyAsDouble(busiest.get(i).getValue());
        if (i < top) {
          rows.add(MultiGauge.Row.of(Tags.of("rule", busiest.get(i).getKey()), figure));
        } else {
          other += figure;
          others++;
        }
      }
      if (others > 0) {
        rows.add(MultiGauge.Row.of(Tags.of("rule", OTHER), averaged ? other / others : other));
      }
      gauge.register(rows, true);
    }
  }
}
