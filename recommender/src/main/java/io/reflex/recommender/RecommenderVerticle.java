package io.reflex.recommender;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Outputs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.event.EventIds;
import io.reflex.common.ops.MemberDirectory;
import io.reflex.common.ops.MeshContext;
import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.model.Recommender;
import io.reflex.recommender.model.Recommenders;
import io.reflex.recommender.model.ScoredItem;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Learns from every shopping event the rules deliver, at once and on event time, answers recommendation queries, and
 * pushes {@code reflex.recommendation} when a shopper's top-N changes materially.
 */
public final class RecommenderVerticle extends VerticleBase {

  static final String SOURCE = "reflex://recommender";
  static final String RECOMMENDATION = "reflex.recommendation";

  private Recommender model;
  private ShopEvents shopEvents;
  private RecommendationChanges changes;
  private int topN;
  private boolean pushOnChange;
  private Counter unreadable;
  private Counter learned;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    model = Recommenders.createDefault(RecommenderSettings.from(config));
    shopEvents = new ShopEvents(config.getJsonObject("mapping", new JsonObject()));
    topN = config.getInteger("topN", 10);
    pushOnChange = config.getBoolean("pushOnChange", true);
    changes = new RecommendationChanges(0.7, config.getInteger("maxShoppersTracked", 100_000));
    MeterRegistry meters = MeshContext.meters(config);
    unreadable = Counter.builder("reflex_recommender_unreadable_events").register(meters);
    learned = Counter.builder("reflex_recommender_learned_events").register(meters);
    // Durable mode confirms a delivery with each replica in turn, at its own address.
    String ownLearn = Addresses.ofMember(Addresses.RECOMMENDER_LEARN, MemberDirectory.nodeId(vertx));
    return Future.all(
        vertx.eventBus().<EventBatch>consumer(Addresses.RECOMMENDER_LEARN, this::learn).completion(),
        vertx.eventBus().<EventBatch>consumer(ownLearn, this::learn).completion(),
        vertx.eventBus().<JsonObject>consumer(Addresses.RECOMMENDER_RECOMMEND, this::recommend).completion(),
        vertx.eventBus().<JsonObject>consumer(Addresses.RECOMMENDER_SIMILAR, this::similar).completion());
  }

  private void learn(Message<EventBatch> message) {
    List<CloudEvent> outputs = new ArrayList<>();
    for (CloudEvent event : message.body().events()) {
      Interaction interaction = shopEvents.read(event);
      if (interaction == null) {
        unreadable.increment();
        continue;
      }
      model.learn(interaction);
      learned.increment();
      if (pushOnChange) {
        List<ScoredItem> top = model.recommend(interaction.user(), interaction.session(), topN, false);
        if (changes.changed(interaction.user(), top)) {
          outputs.add(recommendation(interaction.user(), top, event));
        }
      }
    }
    Outputs.answer(vertx, message, outputs);
  }

  private void recommend(Message<JsonObject> message) {
    JsonObject query = message.body();
    String user = query.getString("user");
    List<ScoredItem> items = model.recommend(user, query.getString("session"), query.getInteger("n", topN),
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
