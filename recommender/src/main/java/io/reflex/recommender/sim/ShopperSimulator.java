package io.reflex.recommender.sim;

import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.model.InteractionType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A deterministic shop: many concurrent sessions of returning and new shoppers, emitted as one
 * endless time-ordered stream of {@link Interaction}s. Planted behaviour (see {@link Catalog}):
 * shoppers follow bundles and chains, browse within a category, re-view items, cart some and buy
 * the cart at the end of the session; popularity drifts and new items arrive. There is no
 * wall-clock rate: the consumer pulls as fast or slow as it likes (the live demo paces it).
 */
public final class ShopperSimulator implements Iterator<Interaction> {
  private static final double FOLLOW_SEQUENCE = 0.6;
  private static final double FOLLOW_BUNDLE = 0.5;
  private static final double STAY_IN_CATEGORY = 0.75;
  private static final double BUY_CART = 0.6;
  private static final double OWN_CATEGORY_START = 0.5;
  private static final int MAX_SESSION_LENGTH = 60;
  private static final int STAPLES = 8;
  private static final int FRESH_ITEM_TRIES = 20;

  /**
   * One scheduled happening: a session's next step, or (session == null) the arrival of a new
   * session.
   */
  private record Due(long time, long order, Session session) {}

  private static final class Session {
    final String id;
    final int user;
    final List<Integer> viewed = new ArrayList<>();
    final List<Integer> cart = new ArrayList<>();
    final List<Integer> toBuy = new ArrayList<>();
    int remaining;

    Session(String id, int user, int length) {
      this.id = id;
      this.user = user;
      this.remaining = length;
    }
  }

  private final SimulatorSettings settings;
  private final SplittableRandom random;
  private final Catalog catalog;
  private final PriorityQueue<Due> agenda =
      new PriorityQueue<>(Comparator.comparingLong(Due::time).thenComparingLong(Due::order));
  private final List<String> users = new ArrayList<>();
  private final List<Integer> favouriteCategory = new ArrayList<>();
  private final List<Set<Integer>> consumed =
      new ArrayList<>(); // per user, only when items are consumed once
  private final List<List<Integer>> staples = new ArrayList<>(); // per user, only for repeat buyers
  private long scheduled;
  private long sessions;
  private long emitted;

  public ShopperSimulator(SimulatorSettings settings) {
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed());
    this.catalog = new Catalog(settings, random);
    schedule(settings.startMillis(), null);
  }

  public Catalog catalog() {
    return catalog;
  }

  /** The endless event sequence as a stream; take a prefix with {@code limit}. */
  public Stream<Interaction> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Interaction next() {
    while (true) {
      Due due = agenda.poll();
      if (due.session() == null) {
        startSession(due.time());
        continue;
      }
      Interaction event = step(due.session(), due.time());
      if (event != null) {
        evolveCatalog();
        return event;
      }
    }
  }

  private void schedule(long time, Session session) {
    agenda.add(new Due(time, scheduled++, session));
  }

  private long exponential(long mean) {
    return 1 + (long) (-Math.log(1 - random.nextDouble()) * mean);
  }

  private void startSession(long now) {
    schedule(now + exponential(settings.sessionArrivalMillis()), null);
    int user = -1;
    if (!users.isEmpty() && random.nextDouble() < settings.returningShare()) {
      double u = random.nextDouble();
      user =
          (int)
              (users.size() * u * u); // early users come back more often: a heavy head of regulars
    }
    if (user < 0
        || consumed.get(user).size()
            > catalog.size() / 4) { // who met a quarter of the items leaves
      user = addUser();
    }
    int length =
        random.nextDouble() < settings.oneOffShare()
            ? 1 + random.nextInt(2)
            : Math.min(
                MAX_SESSION_LENGTH,
                1
                    + (int)
                        (-Math.log(1 - random.nextDouble()) * (settings.meanSessionLength() - 1)));
    schedule(now, new Session("s" + sessions++, user, length));
  }

  private int addUser() {
    int user = users.size();
    users.add(
        settings.anonymous() ? null : "u" + user); // anonymous users are named by their session
    favouriteCategory.add(catalog.popularCategory());
    consumed.add(settings.consumeOnce() ? new HashSet<>() : Set.of());
    List<Integer> own = new ArrayList<>();
    for (int i = 0; settings.staplesShare() > 0 && i < STAPLES; i++) {
      own.add(
          catalog.popularInCategory(
              i % 2 == 0 ? favouriteCategory.get(user) : catalog.popularCategory()));
    }
    staples.add(own);
    return user;
  }

  /** Emits the session's next event (null once it is over) and schedules the one after. */
  private Interaction step(Session session, long now) {
    int item;
    InteractionType type;
    if (!session.toBuy.isEmpty()) {
      item = session.toBuy.remove(0);
      type = InteractionType.PURCHASE;
    } else if (session.remaining > 0) {
      boolean staple =
          !staples.get(session.user).isEmpty() && random.nextDouble() < settings.staplesShare();
      item = staple ? staples.get(session.user).get(random.nextInt(STAPLES)) : fresh(session);
      session.viewed.add(item);
      session.remaining--;
      boolean cart = staple || random.nextDouble() < settings.cartShare();
      type = cart ? InteractionType.CART : InteractionType.VIEW;
      if (type == InteractionType.CART && !session.cart.contains(item)) {
        session.cart.add(item);
      }
      if (session.remaining == 0 && !session.cart.isEmpty() && random.nextDouble() < BUY_CART) {
        session.toBuy.addAll(session.cart); // checkout clusters at the end of the session
      }
    } else {
      return null;
    }
    if (!session.toBuy.isEmpty()) {
      schedule(now + exponential(2_000), session);
    } else if (session.remaining > 0) {
      schedule(now + exponential(settings.eventGapMillis()), session);
    }
    String user = settings.anonymous() ? session.id : users.get(session.user);
    return new Interaction(user, catalog.id(item), type, now, session.id);
  }

  /**
   * The next item by the planted behaviour; when items are consumed once, one the user has not met
   * yet.
   */
  private int fresh(Session session) {
    Set<Integer> seen = consumed.get(session.user);
    int item = session.viewed.isEmpty() ? firstItem(session.user) : nextItem(session);
    for (int tries = 1; seen.contains(item) && tries < FRESH_ITEM_TRIES; tries++) {
      item =
          tries % 2 == 1 && !session.viewed.isEmpty() ? nextItem(session) : firstItem(session.user);
    }
    while (seen.contains(item)) {
      item =
          random.nextInt(
              catalog.size()); // a heavy user has met the likely ones: anything new will do
    }
    if (settings.consumeOnce()) {
      seen.add(item);
    }
    return item;
  }

  private int firstItem(int user) {
    int category =
        random.nextDouble() < OWN_CATEGORY_START
            ? favouriteCategory.get(user)
            : catalog.popularCategory();
    return catalog.popularInCategory(category);
  }

  /**
   * The planted behaviour: re-view, follow a chain, follow a bundle, browse the category, or wander
   * off.
   */
  private int nextItem(Session session) {
    List<Integer> viewed = session.viewed;
    int current = viewed.get(viewed.size() - 1);
    if (random.nextDouble() < settings.reviewShare()) {
      return random.nextInt(3) == 0 ? viewed.get(random.nextInt(viewed.size())) : current;
    }
    Integer next = catalog.nextOf(current);
    if (next != null && random.nextDouble() < FOLLOW_SEQUENCE) {
      return next;
    }
    List<Integer> bundle = catalog.bundleOf(current);
    if (!bundle.isEmpty() && random.nextDouble() < FOLLOW_BUNDLE) {
      return bundle.get(random.nextInt(bundle.size()));
    }
    int category =
        random.nextDouble() < STAY_IN_CATEGORY
            ? catalog.categoryOf(current)
            : catalog.popularCategory();
    return catalog.popularInCategory(category);
  }

  private void evolveCatalog() {
    emitted++;
    if (emitted % settings.newItemEveryEvents() == 0) {
      catalog.addNewItem();
    }
    if (emitted % settings.driftEveryEvents() == 0) {
      catalog.drift();
    }
  }
}
