package io.reflex.anomaly.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reflex.anomaly.detector.Sensitivity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SeriesGroupsTest {

  private static JsonObject rate() {
    return new JsonObject()
        .put("name", "logins")
        .put("kind", "rate")
        .put("match", new JsonObject().put("type", new JsonArray().add("auth.failed")))
        .put("key", new JsonArray().add("source").add("data.service"))
        .put("bucketSeconds", 60)
        .put("sensitivity", "fewer-false-positives");
  }

  @Test
  @DisplayName(
      "a rate group reads its key, bucket and sensitivity, and names a series by its key fields")
  void rateGroup() {
    SeriesGroup group = SeriesGroups.parse(new JsonArray().add(rate())).get(0);
    assertThat(group.kind()).isEqualTo(SeriesGroup.Kind.RATE);
    assertThat(group.bucketMillis()).isEqualTo(60_000);
    assertThat(group.sensitivity()).isEqualTo(Sensitivity.FEWER_FALSE_POSITIVES);
    assertThat(
            group.seriesId(
                new JsonObject()
                    .put("source", "svc://a")
                    .put("data", new JsonObject().put("service", "login"))))
        .isEqualTo("svc://a/login");
    assertThat(group.seriesId(new JsonObject().put("source", "svc://a"))).isNull();
  }

  @Test
  @DisplayName("configuration errors name the group and the field")
  void errors() {
    assertThatThrownBy(
            () -> SeriesGroups.parse(new JsonArray().add(rate().put("bucketSeconds", 0))))
        .hasMessageContaining("anomaly.series[0] 'logins', field 'bucketSeconds'");
    assertThatThrownBy(() -> SeriesGroups.parse(new JsonArray().add(rate().put("kind", "value"))))
        .hasMessageContaining("field 'field'");
    assertThatThrownBy(
            () ->
                SeriesGroups.parse(
                    new JsonArray()
                        .add(rate().put("match", new JsonObject().put("type", "auth.failed")))))
        .hasMessageContaining("field 'match'");
    assertThatThrownBy(() -> SeriesGroups.parse(new JsonArray().add(rate()).add(rate())))
        .hasMessageContaining("two groups are named 'logins'");
    assertThatThrownBy(() -> SeriesGroups.parse(new JsonArray(List.of())))
        .hasMessageContaining("at least one series group");
  }
}
