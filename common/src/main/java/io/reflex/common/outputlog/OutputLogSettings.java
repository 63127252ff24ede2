package io.reflex.common.outputlog;

import io.reflex.common.kafka.KafkaSettings;
import io.reflex.common.ops.MeshContext;
import io.vertx.core.json.JsonObject;

/** Where durable mode's output log is and how long it keeps outputs, from the {@code kafka} section. */
public record OutputLogSettings(KafkaSettings kafka, String topic, long retentionMs) {

  public static OutputLogSettings from(JsonObject verticleConfig) {
    JsonObject kafka = verticleConfig.getJsonObject(MeshContext.KEY, new JsonObject())
        .getJsonObject("kafka", new JsonObject());
    long hours = kafka.getLong("outputsRetentionHours", 24L);
    if (hours < 1) {
      throw new IllegalArgumentException("kafka.outputsRetentionHours must be at least 1, was " + hours);
    }
    return new OutputLogSettings(MeshContext.kafka(verticleConfig), kafka.getString("outputsTopic", "reflex.outputs"),
        hours * 3_600_000L);
  }
}
