package io.reflex.recommender.eval;

import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.model.InteractionType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A log prepared for prequential replay: stably sorted by time (file order breaks ties), with the
 * model-independent facts of every event computed once: is it evaluated, is its user warm, was its
 * item unseen (unhittable), is it a repeat of an item the user had already interacted with.
 */
public final class ReplayLog {
  private final List<Interaction> events;
  private final int warmupEvents;
  private final BitSet evaluated = new BitSet();
  private final BitSet warmUser = new BitSet();
  private final BitSet unseenItem = new BitSet();
  private final BitSet repeat = new BitSet();
  private final int users;
  private final int items;

  public ReplayLog(List<Interaction> log, double warmupShare, Set<InteractionType> evaluatedTypes) {
    if (warmupShare < 0 || warmupShare >= 1) {
      throw new IllegalArgumentException("warm-up share must be in [0, 1): " + warmupShare);
    }
    List<Interaction> sorted = new ArrayList<>(log);
    sorted.sort(Comparator.comparingLong(Interaction::timeMillis)); // List.sort is stable
    this.events = List.copyOf(sorted);
    this.warmupEvents = (int) Math.floor(warmupShare * events.size());
    Map<String, Set<String>> itemsByUser = new HashMap<>();
    Set<String> seenItems = new HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      Interaction e = events.get(i);
      Set<String> userItems = itemsByUser.get(e.user());
      evaluated.set(i, i >= warmupEvents && evaluatedTypes.contains(e.type()));
      warmUser.set(i, userItems != null);
      unseenItem.set(i, !seenItems.contains(e.item()));
      repeat.set(i, userItems != null && userItems.contains(e.item()));
      itemsByUser.computeIfAbsent(e.user(), u -> new HashSet<>()).add(e.item());
      seenItems.add(e.item());
    }
    this.users = itemsByUser.size();
    this.items = seenItems.size();
  }

  public List<Interaction> events() {
    return events;
  }

  public int size() {
    return events.size();
  }

  public int warmupEvents() {
    return warmupEvents;
  }

  public boolean isEvaluated(int i) {
    return evaluated.get(i);
  }

  public boolean isWarmUser(int i) {
    return warmUser.get(i);
  }

  public int evaluatedCount() {
    return evaluated.cardinality();
  }

  /** Share of evaluated events whose facts match {@code fact}. */
  private double evaluatedShare(BitSet fact) {
    BitSet both = (BitSet) fact.clone();
    both.and(evaluated);
    return evaluatedCount() == 0 ? 0 : both.cardinality() / (double) evaluatedCount();
  }

  public double unhittableShare() {
    return evaluatedShare(unseenItem);
  }

  public double repeatShare() {
    return evaluatedShare(repeat);
  }

  public double warmShare() {
    return evaluatedShare(warmUser);
  }

  public int users() {
    return users;
  }

  public int items() {
    return items;
  }
}
