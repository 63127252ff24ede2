package io.reflex.anomaly.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SurpriseBlendTest {

  private static final double FLOOR = 1e-9;

  @Test
  void weighsEachSurpriseByTheInverseOfItsForecastsError() {
    SurpriseBlend blend = new SurpriseBlend(0.01);
    for (int i = 0; i < 1000; i++) {
      blend.learnRecent(i % 2 == 0 ? 3.0 : -3.0);
      blend.learnDaily(1.0);
    }
    // The hourly view is off by a third as much, so it counts three times as much.
    assertThat(blend.raw(0.0, 1.0, FLOOR)).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void theHourlyViewHasNoSayUntilItsForecastWasJudged() {
    SurpriseBlend blend = new SurpriseBlend(0.01);
    blend.learnRecent(2.0);
    assertThat(blend.raw(0.3, 0.9, FLOOR)).isEqualTo(0.3);
  }

  @Test
  void snapshotCarriesBothErrorScales() {
    SurpriseBlend blend = new SurpriseBlend(0.003);
    for (int i = 0; i < 500; i++) {
      blend.learnRecent(Math.sin(i) * 4);
      blend.learnDaily(Math.cos(i));
    }
    byte[] state = bytesOf(blend);
    SurpriseBlend restored = new SurpriseBlend(0.003);
    restored.read(ByteBuffer.wrap(state));

    assertThat(bytesOf(restored)).isEqualTo(state).isNotEqualTo(bytesOf(new SurpriseBlend(0.003)));
    assertThat(restored.raw(0.2, 0.8, FLOOR)).isEqualTo(blend.raw(0.2, 0.8, FLOOR));
    // Learning goes on from the restored counts and scales, not from a fresh start.
    blend.learnDaily(9.0);
    restored.learnDaily(9.0);
    assertThat(restored.raw(0.2, 0.8, FLOOR)).isEqualTo(blend.raw(0.2, 0.8, FLOOR));
  }

  private static byte[] bytesOf(SurpriseBlend blend) {
    ByteBuffer out = ByteBuffer.allocate(64);
    blend.write(out);
    return Arrays.copyOf(out.array(), out.position());
  }
}
