package io.reflex.standalone.demo;

import io.reflex.common.event.CloudEvent;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Simulated temperature sensors: a daily cycle plus noise, one reading per five simulated minutes
 * (like most NAB series), and now and then a spike, so the anomaly detector has something to learn
 * and something to find.
 */
final class SensorReadings {

  private static final long STEP = 5 * 60_000;

  private final int devices;
  private final int spikeEvery;
  private final Random random = new Random(42);
  private long eventTime;
  private long point;

  /**
   * @param spikeEvery one reading in this many is a spike (after a first stretch of normal readings
   *     to learn from)
   */
  SensorReadings(int devices, long startMillis, int spikeEvery) {
    this.devices = devices;
    this.eventTime = startMillis;
    this.spikeEvery = spikeEvery;
  }

  /** One reading per device for the next five simulated minutes. */
  List<CloudEvent> next() {
    List<CloudEvent> readings = new ArrayList<>(devices);
    double dayAngle = 2 * Math.PI * (eventTime % 86_400_000L) / 86_400_000.0;
    for (int d = 0; d < devices; d++) {
      double value = 40 + 8 * Math.sin(dayAngle + d) + random.nextGaussian();
      if (point > 2L * spikeEvery && (point + 37L * d) % spikeEvery == 0) {
        value += 45 + 10 * random.nextDouble();
      }
      readings.add(
          CloudEvent.builder()
              .id("demo-" + d + "-" + point)
              .source("demo://sensors")
              .type("reflex.metric")
              .subject("temperature/device-" + d)
              .time(eventTime)
              .data(new JsonObject().put("value", Math.round(value * 100) / 100.0))
              .build());
    }
    point++;
    eventTime += STEP;
    return readings;
  }
}
