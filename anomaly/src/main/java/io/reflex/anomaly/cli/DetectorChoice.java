package io.reflex.anomaly.cli;

import io.reflex.anomaly.detector.Detector;
import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.anomaly.detector.WindowedGaussian;
import java.util.Arrays;
import java.util.function.Supplier;

/** Detectors selectable on the command line, by the name used in NAB results file names. */
enum DetectorChoice {
  REFLEX("reflex", () -> Detectors.create(Sensitivity.STANDARD)),
  // The alert flag is not part of NAB results, only the score: any threshold will do.
  WINDOWED_GAUSSIAN("windowedGaussian", () -> new WindowedGaussian(1.0));

  private final String nabName;
  private final Supplier<Detector> factory;

  DetectorChoice(String nabName, Supplier<Detector> factory) {
    this.nabName = nabName;
    this.factory = factory;
  }

  String nabName() {
    return nabName;
  }

  Supplier<Detector> factory() {
    return factory;
  }

  static DetectorChoice named(String name) {
    return Arrays.stream(values())
        .filter(c -> c.nabName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown detector '"
                        + name
                        + "', expected one of "
                        + Arrays.stream(values()).map(DetectorChoice::nabName).toList()));
  }
}
