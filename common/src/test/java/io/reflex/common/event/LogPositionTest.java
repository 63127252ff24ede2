package io.reflex.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogPositionTest {

  @Test
  @DisplayName("log positions pack partition and offset, and refuse what does not fit")
  void packsPartitionAndOffset() {
    long position = LogPosition.of(5, 999_999_999_999L);
    assertThat(LogPosition.partition(position)).isEqualTo(5);
    assertThat(LogPosition.offset(position)).isEqualTo(999_999_999_999L);
    assertThatThrownBy(() -> LogPosition.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
