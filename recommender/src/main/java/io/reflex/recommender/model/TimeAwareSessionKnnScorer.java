package io.reflex.recommender.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * STAN (Garg et al., SIGIR 2019) and VSTAN (Ludewig, Latifi and Jannach, UMUAI 2021): session-kNN
 * that is aware of position and time. An item of the current session weighs {@code exp(-age /
 * lambdaPosition)} (age 0 = latest); a past session's similarity is the sum of the weights of the
 * items it shares, cosine-normalised, times {@code exp(-elapsed / lambdaRecency)} so older
 * neighbours count less; each of the {@code k} best neighbours scores its items by {@code exp(-|q -
 * p| / lambdaNeighbourhood)}, q the item's position in that session and p the position of the most
 * recent item it shares with the current one. VSTAN adds V-SKNN's IDF weighting of scored items,
 * {@code score * (1 + lambdaIdf * idf)}. Bounded like V-SKNN: sessions LRU-capped, each holding its
 * last {@code maxHistoryPerUser} distinct items, only the {@code sample} most recent sessions
 * indexed per item.
 */
final class TimeAwareSessionKnnScorer implements ReplayOnlyScorer {
  /**
   * Parameters; {@link #stan()} and {@link #vstan()} are the defaults of session-rec's
   * implementations.
   */
  record Params(
      int k,
      double lambdaPosition,
      double lambdaRecencyDays,
      double lambdaNeighbourhood,
      double lambdaIdf) {
    static Params stan(int k) {
      return new Params(k, 1.02, 5, 2.05, 0);
    }

    static Params vstan(int k) {
      return new Params(k, 1.02, 5, 2.05, 5);
    }
  }

  private static final class PastSession {
    final List<Long> items = new ArrayList<>(4);
    long lastMillis;
  }

  private record Neighbour(PastSession session, double similarity) {}

  private static final Comparator<Neighbour> LEAST_SIMILAR_FIRST =
      Comparator.comparingDouble(Neighbour::similarity);

  private final Params params;
  private final double recencyMillis;
  private final int sample;
  private final int maxSessionItems;
  private final LruMap<String, PastSession> sessions;
  private final LruMap<Long, ArrayDeque<PastSession>> sessionsWithItem;
  private final Map<Long, Integer> sessionsPerItem =
      new HashMap<>(); // IDF; only kept when it is used
  private long sessionCount;
  private final long[] current;

  TimeAwareSessionKnnScorer(ModelSettings settings, Params params, int sample, int maxSessions) {
    this.params = params;
    this.recencyMillis = params.lambdaRecencyDays() * 86_400_000;
    this.sample = sample;
    this.maxSessionItems = settings.maxHistoryPerUser();
    this.sessions = new LruMap<>(maxSessions);
    this.sessionsWithItem = new LruMap<>(settings.maxItems());
    this.current = new long[maxSessionItems];
  }

  @Override
  public void learn(long item, Interaction e, UserHistory before) {
    int ordinal = before.sessionOrdinal() + (before.startsNewSession(e) ? 1 : 0);
    PastSession session =
        sessions.touch(
            e.user() + '#' + ordinal,
            k -> {
              sessionCount++;
              return new PastSession();
            });
    session.lastMillis = e.timeMillis();
    if (session.items.contains(item)) {
      return;
    }
    session.items.add(item);
    if (session.items.size() > maxSessionItems) {
      session.items.remove(0);
    }
    if (params.lambdaIdf() > 0) {
      sessionsPerItem.merge(item, 1, Integer::sum);
    }
    ArrayDeque<PastSession> recent = sessionsWithItem.touch(item, k -> new ArrayDeque<>(4));
    recent.addFirst(session);
    if (recent.size() > sample) {
      recent.removeLast();
    }
  }

  @Override
  public void score(UserHistory history, String session, CandidateScores out) {
    int count = history.recentDistinctItems(history.currentSessionSize(session), current);
    if (count == 0) {
      return;
    }
    PastSession own = sessions.get(history.user() + '#' + history.sessionOrdinal());
    Map<PastSession, Double> overlap = new HashMap<>();
    for (int age = 0; age < count; age++) {
      ArrayDeque<PastSession> candidates = sessionsWithItem.get(current[age]);
      if (candidates != null) {
        double weight = Math.exp(-age / params.lambdaPosition());
        for (PastSession candidate : candidates) {
          if (candidate != own) {
            overlap.merge(candidate, weight, Double::sum);
          }
        }
      }
    }
    long now = history.lastSeenMillis();
    PriorityQueue<Neighbour> best = new PriorityQueue<>(params.k() + 1, LEAST_SIMILAR_FIRST);
    for (Map.Entry<PastSession, Double> candidate : overlap.entrySet()) {
      PastSession past = candidate.getKey();
      double similarity =
          candidate.getValue()
              / Math.sqrt((double) count * past.items.size())
              * Math.exp(-Math.max(0, now - past.lastMillis) / recencyMillis);
      best.add(new Neighbour(past, similarity));
      if (best.size() > params.k()) {
        best.poll();
      }
    }
    for (Neighbour neighbour : best) {
      scoreItems(neighbour, count, out);
    }
  }

  private void scoreItems(Neighbour neighbour, int count, CandidateScores out) {
    List<Long> items = neighbour.session().items;
    int shared = -1;
    for (int age = 0; age < count && shared < 0; age++) {
      shared = items.indexOf(current[age]);
    }
    for (int q = 0; q < items.size(); q++) {
      long item = items.get(q);
      double score =
          neighbour.similarity() * Math.exp(-Math.abs(q - shared) / params.lambdaNeighbourhood());
      out.add(item, params.lambdaIdf() > 0 ? score * (1 + params.lambdaIdf() * idf(item)) : score);
    }
  }

  private double idf(long item) {
    return Math.log((double) sessionCount / sessionsPerItem.getOrDefault(item, 1));
  }
}
