package io.reflex.router.sequence;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.LogPosition;
import io.reflex.common.state.StateChange;
import io.reflex.common.state.Wake;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.Matches;
import io.reflex.router.rules.RuleParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one sequence rule over events the way the router does (the real matcher picks the steps, the
 * engine advances stored bytes per key), without a Vert.x instance, so every sequence feature can
 * be tested on its own.
 */
final class SequenceDriver {

  /** The router's time does not change what the engine matches, only the wakes it asks for. */
  private static final RouterTime NOW = new RouterTime(Long.MIN_VALUE, 0);

  final SequenceRule rule;
  private final CompiledRules compiled;
  private final SequenceEngine engine;
  final Map<String, byte[]> state = new HashMap<>();
  int dropped;
  int late;

  SequenceDriver(JsonObject rule, SequenceLimits limits) {
    JsonObject withActions =
        rule.containsKey("actions")
            ? rule
            : rule.copy()
                .put(
                    "actions",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("emit", new JsonObject().put("type", "test.matched"))));
    this.compiled =
        new CompiledRules(
            RuleParser.parse(new JsonObject().put("rules", new JsonArray().add(withActions))),
            "test");
    this.rule = compiled.sequences().get(0);
    this.engine = new SequenceEngine(this.rule.definition(), limits);
  }

  SequenceDriver(JsonObject rule) {
    this(rule, new SequenceLimits(16, 5_000));
  }

  /**
   * Offers an event (time in seconds from 0) and returns the template contexts of the matches it
   * completed.
   */
  List<JsonObject> event(String type, String subject, long second, JsonObject data) {
    JsonObject json = cloudEvent(type, subject, second, data);
    String key = rule.by().key(json);
    return key == null ? List.of() : batch(key, json);
  }

  /**
   * Offers events of one key in one store update, as the router does with the events of a batch.
   */
  List<JsonObject> batch(String key, JsonObject... events) {
    return loggedBatch(key, -1, events);
  }

  /**
   * The same for events read from the event log: the i-th event sits at offset {@code firstOffset +
   * i} of partition 0 ({@code firstOffset} -1: not from the log).
   */
  List<JsonObject> loggedBatch(String key, long firstOffset, JsonObject... events) {
    List<Long> positions = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    List<boolean[]> matched = new ArrayList<>();
    for (int i = 0; i < events.length; i++) {
      JsonObject event = events[i];
      Matches matches = compiled.match(CloudEvent.wrap(event));
      if (!matches.sequences().isEmpty()) {
        positions.add(firstOffset < 0 ? LogPosition.NONE : LogPosition.of(0, firstOffset + i));
        texts.add(event.encode());
        times.add(Instant.parse(event.getString("time")).toEpochMilli());
        matched.add(matches.sequences().get(0).steps());
      }
    }
    if (texts.isEmpty()) {
      return List.of();
    }
    KeyEvents keyEvents =
        new KeyEvents(
            key,
            texts.toArray(new String[0]),
            times.stream().mapToLong(Long::longValue).toArray(),
            matched.toArray(new boolean[0][]),
            positions.stream().mapToLong(Long::longValue).toArray());
    return record(key, engine.advance(state.get(key), keyEvents, NOW));
  }

  static JsonObject cloudEvent(String type, String subject, long second, JsonObject data) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", type + "-" + second + "-" + subject)
        .put("source", "test://driver")
        .put("type", type)
        .put("subject", subject)
        .put("time", Instant.ofEpochSecond(second).toString())
        .put("data", data);
  }

  List<JsonObject> event(String type, String subject, long second) {
    return event(type, subject, second, new JsonObject());
  }

  /**
   * Closes the windows of a key up to a watermark (seconds), as the window clock does for a quiet
   * key.
   */
  List<JsonObject> expire(String key, long second) {
    return record(key, engine.expire(state.get(key), second * 1000, key, NOW));
  }

  Outcome lastOutcome;
  private Wake lastWake;

  Wake lastWake() {
    return lastWake;
  }

  private List<JsonObject> record(String key, StateChange<Outcome> change) {
    lastWake = change.wake();
    if (change.newValue() == null) {
      state.remove(key);
    } else {
      state.put(key, change.newValue());
    }
    lastOutcome = change.result();
    dropped += change.result().dropped();
    late += change.result().late();
    List<JsonObject> fired = new ArrayList<>();
    change.result().matches().forEach(match -> fired.add(new JsonObject(match)));
    return fired;
  }

  static JsonObject step(String type) {
    return new JsonObject().put("pattern", new JsonObject().put("type", new JsonArray().add(type)));
  }

  static JsonObject not(String type) {
    return new JsonObject().put("not", new JsonObject().put("type", new JsonArray().add(type)));
  }

  static JsonObject sequence(String within, JsonObject... steps) {
    JsonArray list = new JsonArray();
    for (JsonObject step : steps) {
      list.add(step);
    }
    return new JsonObject()
        .put("id", "seq")
        .put("by", "subject")
        .put("within", within)
        .put("steps", list);
  }
}
