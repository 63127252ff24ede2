package io.reflex.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CloudEventTimeTest {

  @Test
  @DisplayName(
      "output times are written exactly as Instant writes them, and read back to the same millisecond")
  void formatsLikeInstant() {
    Random random = new Random(3);
    long[] edges = {
      0,
      999,
      1000,
      951_782_400_000L,
      4_107_542_399_999L,
      253_402_300_799_999L,
      253_402_300_800_000L,
      -1
    };
    for (long millis : edges) {
      assertThat(CloudEvent.formatTime(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
    }
    for (int i = 0; i < 100_000; i++) {
      long millis = (long) (random.nextDouble() * 253_402_300_800_000L);
      if (i % 3 == 0) {
        millis -= millis % 1000;
      }
      String text = CloudEvent.formatTime(millis);
      assertThat(text).isEqualTo(Instant.ofEpochMilli(millis).toString());
      assertThat(CloudEvent.parseTime(text)).isEqualTo(millis);
    }
  }
}
