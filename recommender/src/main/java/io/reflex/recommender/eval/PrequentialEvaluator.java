package io.reflex.recommender.eval;

import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.model.Recommender;
import io.reflex.recommender.model.ScoredItem;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Test-then-learn replay (prequential evaluation, after Vinagre, Jorge and Gama 2014;
 * recommender/RECOMMENDER.md): for each event in time order, if it is evaluated, ask the model's
 * real recommend path for the user's top-20 and record the item's rank; then let the model learn
 * the event. One model per pass on one thread, so timings are the model's own and two runs give
 * identical ranks.
 */
public final class PrequentialEvaluator {
  public static final int LIST_LENGTH = 20;

  /** Told every {@link #PROGRESS_EVERY} events, e.g. to print a progress line. */
  public interface Progress {
    void at(String model, int replayed, int total);
  }

  public static final int PROGRESS_EVERY = 50_000;

  private final ReplayLog log;
  private final boolean excludePurchased;

  public PrequentialEvaluator(ReplayLog log, boolean excludePurchased) {
    this.log = log;
    this.excludePurchased = excludePurchased;
  }

  public ModelResult run(String name, Recommender model, Progress progress) {
    int[] eventIndex = new int[log.evaluatedCount()];
    int[] ranks = new int[eventIndex.length];
    Histogram recommendNanos = new Histogram(3);
    List<Interaction> events = log.events();
    int evaluated = 0;
    long start = System.nanoTime();
    for (int i = 0; i < events.size(); i++) {
      Interaction e = events.get(i);
      if (log.isEvaluated(i)) {
        long before = System.nanoTime();
        List<ScoredItem> top =
            model.recommend(e.user(), e.session(), LIST_LENGTH, excludePurchased);
        recommendNanos.recordValue(System.nanoTime() - before);
        eventIndex[evaluated] = i;
        ranks[evaluated] = rankOf(e.item(), top);
        evaluated++;
      }
      model.learn(e);
      if ((i + 1) % PROGRESS_EVERY == 0) {
        progress.at(name, i + 1, events.size());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new ModelResult(
        name,
        eventIndex,
        ranks,
        events.size(),
        seconds,
        recommendNanos.getValueAtPercentile(50) / 1e3,
        recommendNanos.getValueAtPercentile(99) / 1e3);
  }

  private static int rankOf(String item, List<ScoredItem> top) {
    for (int r = 0; r < Math.min(LIST_LENGTH, top.size()); r++) {
      if (top.get(r).id().equals(item)) {
        return r + 1;
      }
    }
    return 0;
  }
}
