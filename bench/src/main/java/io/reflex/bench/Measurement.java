package io.reflex.bench;

/** A step's result together with the CPU the servers and the generator spent on it, and the machine's pressure. */
record Measurement(StepResult result, long serverCpuMicros, long generatorCpuMicros, double pressure) {

  double serverMicrosPerEvent() {
    return result.acked() == 0 ? Double.NaN : (double) serverCpuMicros / result.acked();
  }

  double generatorMicrosPerEvent() {
    return result.acked() == 0 ? Double.NaN : (double) generatorCpuMicros / result.acked();
  }
}
