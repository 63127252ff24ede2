package io.reflex.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  @DisplayName("a client may send its burst at once, then only at the refill rate")
  void burstThenRate() {
    TokenBucket bucket = new TokenBucket(10, 5, 0);
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.tryTake(0)).isTrue();
    }
    assertThat(bucket.tryTake(0)).isFalse();
    assertThat(bucket.tryTake(SECOND / 10)).isTrue();
    assertThat(bucket.tryTake(SECOND / 10)).isFalse();
    assertThat(bucket.isFull(SECOND)).isTrue();
    assertThat(bucket.tryTake(10 * SECOND)).isTrue();
  }

  @Test
  @DisplayName(
      "an open gateway on loopback limits no rate unless asked; behind credentials or beyond loopback it does")
  void ratesOnlyWhereExposed() {
    JsonObject tight =
        new JsonObject()
            .put("connectionEventsPerSecond", 1)
            .put("connectionBurst", 1)
            .put("clientEventsPerSecond", 1)
            .put("clientBurst", 1);
    TokenBucket local = RateLimits.from(tight, true).connectionBucket(0);
    ClientBuckets localClients = new ClientBuckets(RateLimits.from(tight, true));
    for (int i = 0; i < 100_000; i++) {
      assertThat(local.tryTake(i)).isTrue();
      assertThat(localClients.tryTake("addr:127.0.0.1", i)).isTrue();
    }
    assertThat(local.isFull(0)).isTrue();

    for (RateLimits limited :
        new RateLimits[] {
          RateLimits.from(tight, false),
          RateLimits.from(tight.copy().put("limitOpenLoopback", true), true)
        }) {
      TokenBucket bucket = limited.connectionBucket(0);
      assertThat(bucket.tryTake(0)).isTrue();
      assertThat(bucket.tryTake(0)).isFalse();
      assertThat(limited.clientBucket(0).tryTake(0)).isTrue();
    }
  }

  @Test
  @DisplayName("idle clients' buckets are forgotten, busy ones kept")
  void forgetsIdleClients() {
    ClientBuckets buckets =
        new ClientBuckets(
            RateLimits.from(
                new JsonObject().put("clientEventsPerSecond", 1).put("clientBurst", 1), false));
    assertThat(buckets.tryTake("busy", 0)).isTrue();
    assertThat(buckets.tryTake("busy", 0)).isFalse();
    buckets.forgetIdle(0);
    assertThat(buckets.size()).isEqualTo(1);
    buckets.forgetIdle(2 * SECOND);
    assertThat(buckets.size()).isZero();
  }

  @Test
  @DisplayName("an address holds at most its cap of connections, and a closed one frees a slot")
  void addressCaps() {
    AddressCaps caps = new AddressCaps(2);
    assertThat(caps.tryOpen("10.0.0.1")).isTrue();
    assertThat(caps.tryOpen("10.0.0.1")).isTrue();
    assertThat(caps.tryOpen("10.0.0.1")).isFalse();
    assertThat(caps.tryOpen("10.0.0.2")).isTrue();
    caps.closed("10.0.0.1");
    assertThat(caps.tryOpen("10.0.0.1")).isTrue();
  }
}
