package io.reflex.standalone.demo;

import io.reflex.common.event.CloudEvent;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Simulated failed logins of one service: a few per simulated minute, and now and then a burst
 * (someone guessing passwords), which the {@code failed-logins} event-rate series should flag.
 */
final class LoginFailures {

  private static final long MINUTE = 60_000;
  private static final String SOURCE = "demo://auth-service";

  private final Random random = new Random(11);
  private final int burstEvery;
  private long eventTime;
  private long minute;
  private long sequence;

  LoginFailures(long startMillis, int burstEvery) {
    this.eventTime = startMillis;
    this.burstEvery = burstEvery;
  }

  /** The failed logins of the next simulated minute. */
  List<CloudEvent> next() {
    boolean burst = minute > 2L * burstEvery && minute % burstEvery == 0;
    int count = burst ? 40 + random.nextInt(20) : 1 + random.nextInt(4);
    List<CloudEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String user = burst ? "admin" : "user-" + random.nextInt(50);
      events.add(
          CloudEvent.builder()
              .id("demo-login-" + sequence++)
              .source(SOURCE)
              .type("auth.failed")
              .subject(user)
              .time(eventTime + i * (MINUTE / count))
              .data(new JsonObject().put("user", user).put("reason", "bad password"))
              .build());
    }
    minute++;
    eventTime += MINUTE;
    return events;
  }
}
