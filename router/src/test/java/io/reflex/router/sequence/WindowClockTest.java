package io.reflex.router.sequence;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WindowClockTest {

  @Test
  @DisplayName("a window is due once event time (any key) passes its end plus the allowance")
  void eventTimeDrivesWindows() {
    WindowClock clock = new WindowClock(5_000);
    clock.observe(0);
    clock.schedule("cart", "ann", 60_000, 0);
    clock.observe(64_000);
    assertThat(clock.due(0)).isEmpty();
    clock.observe(65_001);
    assertThat(clock.due(0)).containsExactly(new WindowClock.Due("cart", "ann", 60_000));
    assertThat(clock.due(0)).as("each window once").isEmpty();
  }

  @Test
  @DisplayName("on a quiet stream, processing time closes the window after as long as event time had to go")
  void processingTimeFallback() {
    WindowClock clock = new WindowClock(5_000);
    clock.observe(1_000);
    clock.schedule("cart", "ann", 31_000, 100_000);
    assertThat(clock.due(134_999)).isEmpty();
    assertThat(clock.due(135_000)).extracting(WindowClock.Due::key).containsExactly("ann");
  }

  @Test
  @DisplayName("one timer per rule and key: the earliest request stands")
  void earliestWins() {
    WindowClock clock = new WindowClock(0);
    clock.observe(0);
    clock.schedule("r", "k", 20, 0);
    clock.schedule("r", "k", 10, 0);
    clock.schedule("r", "k", 30, 0);
    assertThat(clock.size()).isEqualTo(1);
    clock.observe(11);
    assertThat(clock.due(0)).extracting(WindowClock.Due::deadline).containsExactly(10L);
  }
}
