package io.reflex.recommender;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Outputs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.event.EventIds;
import io.reflex.common.ops.MemberDirectory;
import io.reflex.common.ops.MeshContext;
import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.model.ModelSettings;
import io.reflex.recommender.model.Recommender;
import io.reflex.recommender.model.Recommenders;
import io.reflex.recommender.model.ScoredItem;
import io.reflex.recommender.replica.RecentEvents;
import io.reflex.recommender.replica.ReplicaState;
import io.reflex.recommender.replica.ShopperOwners;
import io.reflex.recommender.replica.SnapshotClient;
import io.reflex.recommender.replica.SnapshotServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Learns from every shopping event the rules deliver, at once and on event time, answers
 * recommendation queries, and pushes {@code reflex.recommendation} when a shopper's top-N changes
 * materially (only the replica that owns the shopper pushes). A replica that starts while others
 * run first copies the model of one of them, holding the live events that arrive meanwhile and then
 * learning those the copy did not contain, so it answers like its peers before it takes any query.
 */
public final class RecommenderVerticle extends VerticleBase {

  static final String SOURCE = "reflex://recommender";
  static final String RECOMMENDATION = "reflex.recommendation";
  private static final Logger LOG = Logger.getLogger(RecommenderVerticle.class.getName());

  private ModelSettings settings;
  private Recommender model;
  private RecentEvents recent;
  private int recentCapacity;
  private long
      learnedEvents; // in the model, including those learned before a snapshot it was copied from
  private final List<Held> held = new ArrayList<>(); // arrived while the model was being copied
  private boolean holding;
  private SnapshotServer snapshots;
  private ShopEvents shopEvents;
  private RecommendationChanges changes;
  private ShopperOwners owners;
  private int topN;
  private boolean pushOnChange;
  private Counter unreadable;
  private Counter learned;
  private Counter repeated;
  private Counter pushed;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    RecommenderSettings service;
    try {
      service = RecommenderSettings.from(config);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    settings = service.model();
    model = Recommenders.createDefault(settings);
    recentCapacity = service.recentEventIds();
    recent = new RecentEvents(recentCapacity);
    shopEvents = new ShopEvents(service.mapping());
    topN = service.topN();
    pushOnChange = service.pushOnChange();
    changes = new RecommendationChanges(0.7, service.maxShoppersTracked());
    owners = new ShopperOwners(vertx);
    snapshots = new SnapshotServer(vertx, this::snapshot, service.catchUpOverlapMillis());
    MeterRegistry meters = MeshContext.meters(config);
    unreadable = Counter.builder("reflex_recommender_unreadable_events").register(meters);
    learned = Counter.builder("reflex_recommender_learned_events").register(meters);
    repeated =
        Counter.builder("reflex_recommender_repeated_events")
            .description("events skipped because their (source, id) was learned recently")
            .register(meters);
    pushed = Counter.builder("reflex_recommender_pushed_recommendations").register(meters);
    Gauge.builder("reflex_recommender_model_events", this, v -> v.learnedEvents)
        .description("events the model holds, including those copied from a peer")
        .register(meters);
    holding = true; // until caught up with the running replicas, if any
    String forwarded = Addresses.RECOMMENDER_LEARN + ".forwarded." + UUID.randomUUID();
    // Durable mode confirms a delivery with each replica in turn, at its own address.
    String ownLearn =
        Addresses.ofMember(Addresses.RECOMMENDER_LEARN, MemberDirectory.nodeId(vertx));
    return Future.all(
            vertx
                .eventBus()
                .<EventBatch>consumer(Addresses.RECOMMENDER_LEARN, this::learn)
                .completion(),
            vertx.eventBus().<EventBatch>consumer(ownLearn, this::learn).completion(),
            vertx
                .eventBus()
                .<EventBatch>consumer(
                    forwarded,
                    message ->
                        receive(message.body())
                            .onSuccess(outputs -> Outputs.emitAll(vertx, outputs)))
                .completion())
        .compose(v -> catchUp(forwarded, service.catchUpTimeoutMillis()))
        .compose(
            v ->
                Future.all(
                    vertx
                        .eventBus()
                        .<JsonObject>consumer(Addresses.RECOMMENDER_RECOMMEND, this::recommend)
                        .completion(),
                    vertx
                        .eventBus()
                        .<JsonObject>consumer(Addresses.RECOMMENDER_SIMILAR, this::similar)
                        .completion(),
                    snapshots.start(),
                    owners.start(service.ownersRefreshMillis())));
  }

  /**
   * Copies a running replica's state, if there is one; live events keep arriving and are held
   * meanwhile.
   */
  private Future<Void> catchUp(String forwarded, long timeoutMillis) {
    return new SnapshotClient(vertx, timeoutMillis)
        .fetch(forwarded)
        .compose(
            fetched ->
                fetched.state() == null
                    ? Future.succeededFuture()
                    : vertx
                        .executeBlocking(
                            () ->
                                ReplicaState.fromBuffer(fetched.state(), settings, recentCapacity))
                        .onSuccess(
                            state ->
                                LOG.info(
                                    String.format(
                                        "copied a peer's model: %,d bytes in %,d ms, %,d events",
                                        fetched.state().length(),
                                        fetched.millis(),
                                        state.learnedEvents())))
                        .map(this::adopt))
        .recover(
            failure -> {
              LOG.warning("could not copy a peer's model, starting empty: " + failure);
              return Future.succeededFuture();
            })
        .onComplete(
            ignored -> release(false)); // the owners pushed for these events when they arrived
  }

  private Void adopt(ReplicaState state) {
    model = state.model();
    recent = state.recent();
    learnedEvents = state.learnedEvents();
    return null;
  }

  /** A consistent copy of this replica's state: learning is held while a worker writes it. */
  private Future<Buffer> snapshot() {
    holding = true;
    ReplicaState state = new ReplicaState(model, recent, learnedEvents);
    return vertx
        .executeBlocking(() -> state.toBuffer(settings))
        .onComplete(ignored -> release(true));
  }

  /** Learns what arrived while holding, in arrival order, then learns live again. */
  private void release(boolean push) {
    holding = false;
    for (Held batch : held) {
      batch.learned().complete(apply(batch.events(), push));
    }
    held.clear();
  }

  /**
   * A delivery. A router that asked for a reply (durable mode) gets the recommendations this
   * replica pushes for it and emits them once its commit covers them; otherwise they go out at
   * once.
   */
  private void learn(Message<EventBatch> message) {
    snapshots.forward(message.body());
    receive(message.body()).onSuccess(outputs -> Outputs.answer(vertx, message, outputs));
  }

  /**
   * A batch that arrived directly, or that a peer forwarded while this replica caught up: learned
   * alike. Completes with the recommendations to push once it is learned (later, when it arrived
   * while the model was being copied).
   */
  private Future<List<CloudEvent>> receive(EventBatch batch) {
    if (holding) {
      Promise<List<CloudEvent>> learned = Promise.promise();
      held.add(new Held(batch, learned));
      return learned.future();
    }
    return Future.succeededFuture(apply(batch, true));
  }

  /** Learns the batch; returns the recommendations to push. */
  private List<CloudEvent> apply(EventBatch batch, boolean push) {
    List<CloudEvent> outputs = new ArrayList<>();
    for (CloudEvent event : batch.events()) {
      if (!recent.firstSeen(event.identity())) {
        repeated.increment();
        continue;
      }
      Interaction interaction = shopEvents.read(event);
      if (interaction == null) {
        unreadable.increment();
        continue;
      }
      model.learn(interaction);
      learnedEvents++;
      learned.increment();
      if (push && pushOnChange && owners.owns(interaction.user())) {
        List<ScoredItem> top =
            model.recommend(interaction.user(), interaction.session(), topN, false);
        if (changes.changed(interaction.user(), top)) {
          outputs.add(recommendation(interaction.user(), top, event));
          pushed.increment();
        }
      }
    }
    return outputs;
  }

  /** A batch that arrived while the model was being copied, and who waits for it to be learned. */
  private record Held(EventBatch events, Promise<List<CloudEvent>> learned) {}

  private void recommend(Message<JsonObject> message) {
    JsonObject query = message.body();
    String user = query.getString("user");
    List<ScoredItem> items =
        model.recommend(
            user,
            query.getString("session"),
            query.getInteger("n", topN),
            query.getBoolean("excludePurchased", false));
    message.reply(new JsonObject().put("user", user).put("items", toJson(items)));
  }

  private void similar(Message<JsonObject> message) {
    String item = message.body().getString("item");
    List<ScoredItem> items = model.similar(item, message.body().getInteger("n", topN));
    message.reply(new JsonObject().put("item", item).put("items", toJson(items)));
  }

  private static CloudEvent recommendation(String user, List<ScoredItem> items, CloudEvent cause) {
    return CloudEvent.builder()
        .id(EventIds.derived(RECOMMENDATION, cause))
        .source(SOURCE)
        .type(RECOMMENDATION)
        .subject(user)
        .time(cause.timeMillis())
        .causedBy(cause)
        .data(new JsonObject().put("user", user).put("items", toJson(items)))
        .build();
  }

  private static JsonArray toJson(List<ScoredItem> items) {
    JsonArray array = new JsonArray();
    for (ScoredItem item : items) {
      array.add(new JsonObject().put("id", item.id()).put("score", item.score()));
    }
    return array;
  }
}
