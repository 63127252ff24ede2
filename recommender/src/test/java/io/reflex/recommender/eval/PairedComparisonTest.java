package io.reflex.recommender.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class PairedComparisonTest {

  @Test
  void signTestMatchesTheBinomialByHand() {
    assertThat(PairedComparison.signTest(0, 0)).isEqualTo(1);
    assertThat(PairedComparison.signTest(5, 5)).isEqualTo(1);
    assertThat(PairedComparison.signTest(10, 0)).isCloseTo(2.0 / 1024, offset(1e-12));
    // n = 6, tail k <= 1: 2 * (1 + 6) / 64
    assertThat(PairedComparison.signTest(1, 5)).isCloseTo(14.0 / 64, offset(1e-12));
    assertThat(PairedComparison.signTest(1_000_000, 0)).isZero();
  }

  @Test
  void countsDiscordantEventsAndWindows() {
    ModelResult a = new ModelResult("a", new int[4], new int[] {1, 0, 5, 15}, 4, 1, 0, 0);
    ModelResult b = new ModelResult("b", new int[4], new int[] {0, 2, 5, 0}, 4, 1, 0, 0);

    PairedComparison p = PairedComparison.of(a, b, 10, 2);

    assertThat(p.onlyA()).isEqualTo(1); // event 0 (event 3 is rank 15: no hit at 10)
    assertThat(p.onlyB()).isEqualTo(1);
    assertThat(p.windows()).isEqualTo(2);
    assertThat(p.windowsAWins()).isZero();
    assertThat(p.windowsBWins()).isZero();
  }
}
