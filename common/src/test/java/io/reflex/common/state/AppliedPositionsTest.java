package io.reflex.common.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.event.LogPosition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppliedPositionsTest {

  @Test
  @DisplayName(
      "positions at or below a partition's mark count as applied, per partition, and survive serialisation")
  void marksPerPartition() throws Exception {
    AppliedPositions applied = AppliedPositions.none();
    applied.record(LogPosition.of(2, 10));
    applied.record(LogPosition.of(0, 5));
    applied.record(LogPosition.of(2, 7));
    assertThat(applied.applied(LogPosition.of(2, 10))).isTrue();
    assertThat(applied.applied(LogPosition.of(2, 3))).isTrue();
    assertThat(applied.applied(LogPosition.of(2, 11))).isFalse();
    assertThat(applied.applied(LogPosition.of(0, 5))).isTrue();
    assertThat(applied.applied(LogPosition.of(1, 0))).isFalse();
    assertThat(applied.applied(LogPosition.NONE)).isFalse();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    applied.writeTo(new DataOutputStream(bytes));
    AppliedPositions read =
        AppliedPositions.readFrom(
            new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(read.applied(LogPosition.of(2, 10))).isTrue();
    assertThat(read.applied(LogPosition.of(2, 11))).isFalse();
    assertThat(read.applied(LogPosition.of(0, 4))).isTrue();
  }
}
