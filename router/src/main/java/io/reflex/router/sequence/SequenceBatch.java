package io.reflex.router.sequence;

import io.reflex.common.event.CloudEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The sequence steps one incoming batch matched, gathered per rule and key in arrival order, so
 * that the batch costs one store update per rule and key rather than one per event.
 */
public final class SequenceBatch {

  private final Map<String, Group> groups = new LinkedHashMap<>();

  /**
   * Adds an event that matched steps of a rule; an event without the rule's key is not the rule's
   * business.
   */
  public void add(SequenceRule rule, CloudEvent event, long position, boolean[] matched) {
    String key = rule.by().key(event.json());
    if (key != null) {
      groups
          .computeIfAbsent(Sequences.entry(rule.id(), key), entry -> new Group(rule, key))
          .add(event, position, matched);
    }
  }

  void forEach(BiConsumer<SequenceRule, KeyEvents> action) {
    groups.values().forEach(group -> action.accept(group.rule, group.events()));
  }

  private static final class Group {
    final SequenceRule rule;
    final String key;
    final List<CloudEvent> events = new ArrayList<>(2);
    final List<boolean[]> matched = new ArrayList<>(2);
    final List<Long> positions = new ArrayList<>(2);

    Group(SequenceRule rule, String key) {
      this.rule = rule;
      this.key = key;
    }

    void add(CloudEvent event, long position, boolean[] steps) {
      events.add(event);
      positions.add(position);
      matched.add(steps);
    }

    KeyEvents events() {
      int size = events.size();
      String[] texts = new String[size];
      long[] times = new long[size];
      for (int i = 0; i < size; i++) {
        texts[i] = events.get(i).encode();
        times[i] = events.get(i).timeMillis();
      }
      return new KeyEvents(
          key,
          texts,
          times,
          matched.toArray(new boolean[0][]),
          positions.stream().mapToLong(Long::longValue).toArray());
    }
  }
}
