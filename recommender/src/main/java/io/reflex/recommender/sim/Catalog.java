package io.reflex.recommender.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated shop's items with the behaviour planted in them: Zipf-like popularity inside
 * categories, groups of items bought together, ordered chains, and a drifting set of trending
 * items. Tests read the planted structure through {@link #bundlePartners} and {@link #sequenceNext}
 * to check that a model learned it.
 */
public final class Catalog {
  private static final double TREND_BOOST = 8;
  private static final double TRENDING_SHARE = 0.02;

  private final SplittableRandom random;
  private final List<String> ids = new ArrayList<>();
  private final List<Integer> categoryOf = new ArrayList<>();
  private final List<Double> weights = new ArrayList<>();
  private final List<List<Integer>> byCategory = new ArrayList<>();
  private final double[]
      categoryWeights; // kept in step with weights: sampling a category is on the hot path
  private final Map<Integer, List<Integer>> bundles = new HashMap<>();
  private final Map<Integer, Integer> nextInSequence = new HashMap<>();
  private List<Integer> trending = List.of();

  Catalog(SimulatorSettings settings, SplittableRandom random) {
    this.random = random;
    this.categoryWeights = new double[settings.categories()];
    for (int c = 0; c < settings.categories(); c++) {
      byCategory.add(new ArrayList<>());
    }
    for (int i = 0; i < settings.initialItems(); i++) {
      addItem(random.nextInt(settings.categories()), 1 / Math.pow(i + 1, 0.8));
    }
    plantBundles(settings.bundleShare());
    plantSequences(settings.sequenceShare());
  }

  private int addItem(int category, double weight) {
    int index = ids.size();
    ids.add("p" + index);
    categoryOf.add(category);
    weights.add(weight);
    categoryWeights[category] += weight;
    byCategory.get(category).add(index);
    return index;
  }

  /** Groups of 2-3 items from different categories (a phone, its case, a charger). */
  private void plantBundles(double share) {
    int grouped = (int) (ids.size() * share);
    for (int done = 0; done < grouped; ) {
      int size = 2 + random.nextInt(2);
      List<Integer> group = new ArrayList<>(size);
      for (int k = 0; k < size; k++) {
        group.add(random.nextInt(ids.size()));
      }
      for (int item : group) {
        List<Integer> partners = bundles.computeIfAbsent(item, i -> new ArrayList<>());
        group.stream()
            .filter(other -> other != item && !partners.contains(other))
            .forEach(partners::add);
      }
      done += size;
    }
  }

  /** Chains of 3-5 items of one category, viewed in order (volumes of a series, steps of a kit). */
  private void plantSequences(double share) {
    int chained = (int) (ids.size() * share);
    for (int done = 0; done < chained; ) {
      List<Integer> members = byCategory.get(random.nextInt(byCategory.size()));
      int length = 3 + random.nextInt(3);
      if (members.size() < length) {
        continue;
      }
      int previous = members.get(random.nextInt(members.size()));
      for (int k = 1; k < length; k++) {
        int next = members.get(random.nextInt(members.size()));
        if (next != previous && !nextInSequence.containsKey(previous)) {
          nextInSequence.put(previous, next);
        }
        previous = next;
      }
      done += length;
    }
  }

  /**
   * A new arrival: popular from the start and, half of the time, bought together with an existing
   * item.
   */
  void addNewItem() {
    int category = random.nextInt(byCategory.size());
    int item = addItem(category, 0.2 + random.nextDouble() * 0.3);
    if (random.nextBoolean()) {
      int partner = popularInCategory(random.nextInt(byCategory.size()));
      bundles.computeIfAbsent(item, i -> new ArrayList<>()).add(partner);
      bundles.computeIfAbsent(partner, i -> new ArrayList<>()).add(item);
    }
  }

  /** Ends the current trends and starts new ones: popularity drift. */
  void drift() {
    for (int item : trending) {
      reweigh(item, weights.get(item) / TREND_BOOST);
    }
    List<Integer> next = new ArrayList<>();
    int count = Math.max(1, (int) (ids.size() * TRENDING_SHARE));
    for (int k = 0; k < count; k++) {
      int item = random.nextInt(ids.size());
      if (!next.contains(item)) {
        next.add(item);
        reweigh(item, weights.get(item) * TREND_BOOST);
      }
    }
    trending = next;
  }

  private void reweigh(int item, double weight) {
    categoryWeights[categoryOf.get(item)] += weight - weights.get(item);
    weights.set(item, weight);
  }

  int popularInCategory(int category) {
    List<Integer> members = byCategory.get(category);
    if (members.isEmpty()) {
      return random.nextInt(ids.size());
    }
    double total = 0;
    for (int item : members) {
      total += weights.get(item);
    }
    double pick = random.nextDouble() * total;
    for (int item : members) {
      pick -= weights.get(item);
      if (pick <= 0) {
        return item;
      }
    }
    return members.get(members.size() - 1);
  }

  /** A category chosen by its total popularity. */
  int popularCategory() {
    double total = 0;
    for (double weight : categoryWeights) {
      total += weight;
    }
    double pick = random.nextDouble() * total;
    for (int c = 0; c < categoryWeights.length; c++) {
      pick -= categoryWeights[c];
      if (pick <= 0) {
        return c;
      }
    }
    return categoryWeights.length - 1;
  }

  int categoryOf(int item) {
    return categoryOf.get(item);
  }

  List<Integer> bundleOf(int item) {
    return bundles.getOrDefault(item, List.of());
  }

  Integer nextOf(int item) {
    return nextInSequence.get(item);
  }

  String id(int item) {
    return ids.get(item);
  }

  public int size() {
    return ids.size();
  }

  /** Planted: the items bought together with {@code item} (empty if none or unknown). */
  public List<String> bundlePartners(String item) {
    return bundleOf(index(item)).stream().map(ids::get).toList();
  }

  /** Planted: the item that follows {@code item} in its chain, or null. */
  public String sequenceNext(String item) {
    Integer next = nextOf(index(item));
    return next == null ? null : ids.get(next);
  }

  /** All items with a planted bundle partner or chain successor, in id order. */
  public List<String> itemsWithPlantedFollowers() {
    List<String> result = new ArrayList<>();
    for (int item = 0; item < ids.size(); item++) {
      if (bundles.containsKey(item) || nextInSequence.containsKey(item)) {
        result.add(ids.get(item));
      }
    }
    return result;
  }

  private int index(String item) {
    int index = item.matches("p\\d{1,9}") ? Integer.parseInt(item.substring(1)) : -1;
    return index >= 0 && index < ids.size() ? index : -1;
  }
}
