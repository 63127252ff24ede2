package io.reflex.gateway.limits;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
  @DisplayName("idle clients' buckets are forgotten, busy ones kept")
  void forgetsIdleClients() {
    ClientBuckets buckets = new ClientBuckets(RateLimits.from(new io.vertx.core.json.JsonObject()
        .put("clientEventsPerSecond", 1).put("clientBurst", 1)));
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
