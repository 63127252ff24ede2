package io.reflex.eventlog.outputlog;

import io.reflex.common.config.ConfigTree;
import io.reflex.common.ops.MeshContext;
import io.reflex.eventlog.KafkaSettings;
import io.vertx.core.json.JsonObject;

/**
 * Where durable mode's output log is and how long it keeps outputs, from the {@code kafka} section.
 */
public record OutputLogSettings(KafkaSettings kafka, String topic, long retentionMs) {

  public static OutputLogSettings from(JsonObject verticleConfig) {
    ConfigTree kafka = ConfigTree.of("kafka", MeshContext.kafka(verticleConfig));
    long hours = kafka.wholeNumber("outputsRetentionHours");
    if (hours < 1) {
      throw new IllegalArgumentException(
          "kafka.outputsRetentionHours must be at least 1, was " + hours);
    }
    return new OutputLogSettings(
        KafkaSettings.from(MeshContext.kafka(verticleConfig)),
        kafka.text("outputsTopic"),
        hours * 3_600_000L);
  }
}
