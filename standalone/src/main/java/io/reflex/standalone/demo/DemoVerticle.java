package io.reflex.standalone.demo;

import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.config.ConfigTree;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --demo}: streams simulated sensor readings, shoppers and failed logins into ingestion, the
 * same path client events take, so a new user sees anomalies (in sensor values and in the rate of
 * failed logins), derived events and recommendations on a subscription within seconds.
 */
public final class DemoVerticle extends VerticleBase {

  private static final long TICK_MS = 100;

  private SensorReadings sensors;
  private ShopperEvents shoppers;
  private LoginFailures logins;
  private int shopperEventsPerTick;
  private int sensorRoundsPerTick;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    ConfigTree demo = ConfigTree.of("demo", config);
    int devices = demo.integer("devices");
    int eventsPerSecond = demo.integer("eventsPerSecond");
    // Sensor readings run on simulated time starting a week ago, so the detectors warm up in
    // seconds.
    sensors = new SensorReadings(devices, System.currentTimeMillis() - 7 * 86_400_000L, 150);
    shoppers = new ShopperEvents();
    logins = new LoginFailures(System.currentTimeMillis() - 7 * 86_400_000L, 200);
    sensorRoundsPerTick = Math.max(1, eventsPerSecond / 2 / devices / (int) (1000 / TICK_MS));
    shopperEventsPerTick = Math.max(1, eventsPerSecond / 2 / (int) (1000 / TICK_MS));
    vertx.setPeriodic(TICK_MS, id -> tick());
    return Future.succeededFuture();
  }

  private void tick() {
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < sensorRoundsPerTick; i++) {
      events.addAll(sensors.next());
    }
    for (int i = 0; i < shopperEventsPerTick; i++) {
      events.add(shoppers.next());
    }
    events.addAll(logins.next());
    vertx
        .eventBus()
        .request(Addresses.INGESTION_ACCEPT, new EventBatch(events), Codecs.timeout(5000));
  }
}
