package io.reflex.recommender.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * V-SKNN (Ludewig and Jannach 2018): finds the past sessions most similar to the current one (its
 * items weighted linearly by recency, cosine-normalised by both lengths) and scores their items by
 * the summed similarity of the {@code neighbours} best sessions. Bounded: sessions LRU-capped, each
 * holding its last {@code maxHistoryPerUser} distinct items, and only the {@code sample} most
 * recent sessions are indexed per item.
 */
final class SessionKnnScorer implements ReplayOnlyScorer {
  private static final Comparator<Map.Entry<String, Double>> LEAST_SIMILAR_FIRST =
      Map.Entry.<String, Double>comparingByValue()
          .thenComparing(Map.Entry.<String, Double>comparingByKey().reversed());

  private final int neighbours;
  private final int sample;
  private final int maxSessionItems;
  private final LruMap<String, List<Long>> sessions; // item refs of each session
  private final LruMap<Long, ArrayDeque<String>>
      sessionsWithItem; // bounded by its own LRU, keyed by full ref
  private final long[] current;

  SessionKnnScorer(ModelSettings settings, int neighbours, int sample, int maxSessions) {
    this.neighbours = neighbours;
    this.sample = sample;
    this.maxSessionItems = settings.maxHistoryPerUser();
    this.sessions = new LruMap<>(maxSessions);
    this.sessionsWithItem = new LruMap<>(settings.maxItems());
    this.current = new long[maxSessionItems];
  }

  private static String sessionKey(String user, int ordinal) {
    return user + '#' + ordinal;
  }

  @Override
  public void learn(long item, Interaction e, UserHistory before) {
    int ordinal = before.sessionOrdinal() + (before.startsNewSession(e) ? 1 : 0);
    String key = sessionKey(e.user(), ordinal);
    List<Long> items = sessions.touch(key, k -> new ArrayList<>(4));
    if (items.contains(item)) {
      return;
    }
    items.add(item);
    if (items.size() > maxSessionItems) {
      items.remove(0);
    }
    ArrayDeque<String> recentSessions = sessionsWithItem.touch(item, k -> new ArrayDeque<>(4));
    recentSessions.addFirst(key);
    if (recentSessions.size() > sample) {
      recentSessions.removeLast();
    }
  }

  @Override
  public void score(UserHistory history, String session, CandidateScores out) {
    int sessionEvents = history.currentSessionSize(session);
    int count = history.recentDistinctItems(sessionEvents, current);
    if (count == 0) {
      return;
    }
    String ownKey = sessionKey(history.user(), history.sessionOrdinal());
    Map<String, Double> overlap = new HashMap<>();
    for (int age = 0; age < count; age++) {
      ArrayDeque<String> candidates = sessionsWithItem.get(current[age]);
      if (candidates != null) {
        double weight = Recency.linear(age, count);
        for (String key : candidates) {
          if (!key.equals(ownKey)) {
            overlap.merge(key, weight, Double::sum);
          }
        }
      }
    }
    PriorityQueue<Map.Entry<String, Double>> best =
        new PriorityQueue<>(neighbours + 1, LEAST_SIMILAR_FIRST);
    for (Map.Entry<String, Double> candidate : overlap.entrySet()) {
      List<Long> items = sessions.get(candidate.getKey());
      if (items != null) {
        double similarity = candidate.getValue() / Math.sqrt((double) count * items.size());
        best.add(Map.entry(candidate.getKey(), similarity));
        if (best.size() > neighbours) {
          best.poll();
        }
      }
    }
    for (Map.Entry<String, Double> neighbour : best) {
      for (long item : sessions.get(neighbour.getKey())) {
        out.add(item, neighbour.getValue());
      }
    }
  }
}
