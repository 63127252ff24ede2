package io.reflex.router.sequence;

import io.reflex.router.action.Action;
import java.util.List;

/**
 * A sequence rule: events of one key ({@code by}, a field path) matching the steps in order, within
 * a window.
 */
public record SequenceRule(
    String id,
    String description,
    KeyPath by,
    SequenceDefinition definition,
    List<Action> actions) {

  public SequenceRule {
    actions = List.copyOf(actions);
  }
}
