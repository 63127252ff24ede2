package io.reflex.gateway.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResumeFromTest {

  @Test
  @DisplayName("'from' is a cursor, 'earliest' or an RFC 3339 time with a zone")
  void parsesTheThreeForms() {
    assertThat(ResumeFrom.parse("0-41")).isEqualTo(new ResumeFrom.After(new Cursor(0, 41)));
    assertThat(ResumeFrom.parse("earliest")).isEqualTo(new ResumeFrom.Earliest());
    assertThat(ResumeFrom.parse("2026-12-03T09:00:00+01:00"))
        .isEqualTo(new ResumeFrom.Since(Instant.parse("2026-12-03T08:00:00Z")));
    assertThat(ResumeFrom.parse(new Cursor(0, 7).encode()))
        .isEqualTo(new ResumeFrom.After(new Cursor(0, 7)));
  }

  @Test
  @DisplayName("anything else is refused with what 'from' may be")
  void refusesTheRest() {
    assertThatThrownBy(() -> ResumeFrom.parse(12)).hasMessageContaining("must be a string");
    assertThatThrownBy(() -> ResumeFrom.parse("")).hasMessageContaining("must be a string");
    assertThatThrownBy(() -> ResumeFrom.parse("2026-12-03T09:00:00"))
        .hasMessageContaining("RFC 3339");
    assertThatThrownBy(() -> ResumeFrom.parse("latest"))
        .hasMessageContaining("'latest' is not a cursor");
    assertThatThrownBy(() -> ResumeFrom.parse("0--3")).hasMessageContaining("not a cursor");
    assertThatThrownBy(() -> ResumeFrom.parse("-1-3")).hasMessageContaining("not a cursor");
  }
}
