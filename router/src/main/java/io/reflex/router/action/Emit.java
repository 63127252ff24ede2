package io.reflex.router.action;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventIds;
import io.vertx.core.json.JsonObject;

/** Emits a derived event built from templates over the matching event. */
public record Emit(String type, String source, Template subject, Template data) implements Action {

  public static final String DEFAULT_SOURCE = "reflex://router";

  public CloudEvent derive(String ruleId, CloudEvent cause, JsonObject context) {
    return CloudEvent.builder()
        .id(EventIds.derived(ruleId, cause))
        .source(source)
        .type(type)
        .subject(subject.renderString(context))
        .time(cause.timeMillis())
        .causedBy(cause)
        .rule(ruleId)
        .data(data.render(context))
        .build();
  }
}
