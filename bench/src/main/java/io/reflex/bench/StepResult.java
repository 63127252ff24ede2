package io.reflex.bench;

import org.HdrHistogram.Histogram;

/**
 * One bounded run at one offered rate. Latencies are in microseconds from each event's intended
 * send time.
 *
 * @param sent events sent
 * @param acked events acknowledged (any status)
 * @param errors events not accepted, error frames, and events still unacknowledged after the drain
 * @param expectedOutputs derived events the sent events must produce
 * @param outputs derived events received and matched to a sent event by causationid
 * @param backlogGrowing events awaiting their ack grew through the run instead of staying flat
 */
record StepResult(
    double offeredPerSecond,
    double achievedPerSecond,
    long sent,
    long acked,
    long errors,
    long expectedOutputs,
    long outputs,
    boolean backlogGrowing,
    Histogram ackMicros,
    Histogram outputMicros) {

  /**
   * Sustainable: p99 within the bound for the ack and the derived event, nothing lost, no growing
   * backlog.
   */
  boolean sustainable(long p99BoundMicros) {
    return errors == 0
        && acked == sent
        && outputs == expectedOutputs
        && !backlogGrowing
        && ackMicros.getValueAtPercentile(99) <= p99BoundMicros
        && (expectedOutputs == 0 || outputMicros.getValueAtPercentile(99) <= p99BoundMicros);
  }
}
