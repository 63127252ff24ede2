package io.reflex.router.telemetry;

/** One rule's running figures, kept on the router's event loop (no synchronisation). */
final class RuleStats {

  long matches;
  long matchesAtLastPublish;
  double matchesPerSecond;
  long derived;
  long costNanos;
  long costSamples;
  long partials;
  long stateBytes;

  double costMicros() {
    return costSamples == 0 ? 0 : costNanos / 1000.0 / costSamples;
  }
}
