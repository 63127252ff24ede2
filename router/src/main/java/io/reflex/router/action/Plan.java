package io.reflex.router.action;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actions a batch triggered, gathered so that each service gets one delivery per batch.
 * Building a plan has no effect: the router carries it out ({@link PlanRunner}), a rule test or a
 * replay only looks at it.
 */
public final class Plan {

  private final int maxDepth;
  private final Map<Deliver, EventBatch.Builder> deliveries = new LinkedHashMap<>();
  private final List<CloudEvent> derived = new ArrayList<>();
  private final Map<RulePublish, List<CloudEvent>> published = new LinkedHashMap<>();
  private int depthLimited;

  /**
   * @param maxDepth derived events whose cause is this deep in a chain of derived events are not
   *     emitted
   */
  public Plan(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  /**
   * Adds what a rule's actions do for one matching event (or completed sequence).
   *
   * @param position the cause's event-log position, {@code LogPosition.NONE} when it was not read
   *     from the log
   * @param context what the templates see: the event itself, or a sequence match's context
   */
  public void add(
      String ruleId, List<Action> actions, CloudEvent cause, long position, JsonObject context) {
    for (Action action : actions) {
      if (action instanceof Deliver deliver) {
        deliveries.computeIfAbsent(deliver, d -> new EventBatch.Builder()).add(cause, position);
      } else if (action instanceof Emit emit) {
        if (cause.depth() >= maxDepth) {
          depthLimited++;
        } else {
          derived.add(emit.derive(ruleId, cause, context));
        }
      } else if (action instanceof Publish publish) {
        published
            .computeIfAbsent(new RulePublish(ruleId, publish), p -> new ArrayList<>())
            .add(cause);
      }
    }
  }

  Map<Deliver, EventBatch.Builder> deliveries() {
    return deliveries;
  }

  /** The derived events to emit, in the order they were derived. */
  public List<CloudEvent> derived() {
    return derived;
  }

  /** The events to publish, per rule and publish action. */
  public Map<RulePublish, List<CloudEvent>> published() {
    return published;
  }

  /** The events to deliver, per service. */
  public Map<String, List<CloudEvent>> delivered() {
    Map<String, List<CloudEvent>> delivered = new LinkedHashMap<>();
    deliveries.forEach(
        (deliver, batch) -> delivered.put(deliver.service(), batch.build().events()));
    return delivered;
  }

  /** How many derived events the depth limit held back. */
  public int depthLimited() {
    return depthLimited;
  }
}
