package io.reflex.bench;

/**
 * A step's result together with the CPU the servers and the generator spent on it, the heap the
 * servers allocated (-1: not readable), and the machine's pressure.
 */
record Measurement(
    StepResult result,
    long serverCpuMicros,
    long generatorCpuMicros,
    long serverAllocatedBytes,
    double pressure) {

  double serverMicrosPerEvent() {
    return result.acked() == 0 ? Double.NaN : (double) serverCpuMicros / result.acked();
  }

  double generatorMicrosPerEvent() {
    return result.acked() == 0 ? Double.NaN : (double) generatorCpuMicros / result.acked();
  }

  /** Kilobytes of heap the servers allocated per acknowledged event. */
  double serverKilobytesPerEvent() {
    return result.acked() == 0 || serverAllocatedBytes < 0
        ? Double.NaN
        : serverAllocatedBytes / 1024.0 / result.acked();
  }
}
