package io.reflex.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Publishes gathered into batches for ingestion, each answered with its own results. */
@ExtendWith(VertxExtension.class)
class IngestionBatchesTest {

  @Test
  void publishesOfOneTurnTravelAsOneBatchUpToTheLimitAndEachGetsItsOwnResults(
      Vertx vertx, VertxTestContext test) {
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    inATurnWithIngestion(
        vertx,
        test,
        batchSizes,
        0,
        () -> {
          IngestionBatches batches = new IngestionBatches(vertx, Codecs.timeout(5_000), 5, 0);
          List<Future<JsonArray>> answers = new ArrayList<>();
          answers.add(batches.submit(events("a", "b")));
          answers.add(batches.submit(events("c")));
          answers.add(batches.submit(events("d", "e", "f")));
          answers.add(batches.submit(events("g")));
          Future.all(answers)
              .onComplete(
                  test.succeeding(
                      done ->
                          test.verify(
                              () -> {
                                assertThat(batchSizes).containsExactly(3, 4);
                                assertThat(answers.stream().map(this::ids))
                                    .containsExactly(
                                        List.of("a", "b"),
                                        List.of("c"),
                                        List.of("d", "e", "f"),
                                        List.of("g"));
                                test.completeNow();
                              })));
        });
  }

  @Test
  void withALingerPublishesJoinTheBatchWhileAnEarlierOneIsUnanswered(
      Vertx vertx, VertxTestContext test) {
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    inATurnWithIngestion(
        vertx,
        test,
        batchSizes,
        1_000,
        () -> {
          IngestionBatches batches = new IngestionBatches(vertx, Codecs.timeout(10_000), 10, 1_500);
          // Nothing on its way yet: goes at the end of this turn, alone.
          Future<JsonArray> first = batches.submit(events("a"));
          vertx.setTimer(
              20,
              later -> {
                // The first is unanswered: these two wait for each other.
                Future<JsonArray> second = batches.submit(events("b"));
                vertx.setTimer(
                    20,
                    again -> {
                      Future<JsonArray> third = batches.submit(events("c", "d"));
                      Future.all(first, second, third)
                          .onComplete(
                              test.succeeding(
                                  done ->
                                      test.verify(
                                          () -> {
                                            assertThat(batchSizes).containsExactly(1, 3);
                                            assertThat(ids(third)).containsExactly("c", "d");
                                            test.completeNow();
                                          })));
                    });
              });
        });
  }

  /**
   * Runs {@code body} in a turn of the event loop once ingestion, as far as a gateway sees it, is
   * there: each event's result names it, after a delay.
   */
  private static void inATurnWithIngestion(
      Vertx vertx, VertxTestContext test, List<Integer> batchSizes, long delayMs, Runnable body) {
    Codecs.register(vertx);
    vertx
        .eventBus()
        .<EventBatch>consumer(
            Addresses.INGESTION_ACCEPT,
            message -> {
              batchSizes.add(message.body().size());
              JsonArray results = new JsonArray();
              message
                  .body()
                  .events()
                  .forEach(event -> results.add(new JsonObject().put("id", event.id())));
              if (delayMs == 0) {
                message.reply(results);
              } else {
                vertx.setTimer(delayMs, answer -> message.reply(results));
              }
            })
        .completion()
        .onComplete(test.succeeding(registered -> vertx.runOnContext(turn -> body.run())));
  }

  @Test
  void everyPublishOfABatchFailsWhenIngestionDoesNotAnswer(Vertx vertx, VertxTestContext test) {
    Codecs.register(vertx);
    vertx.runOnContext(
        turn -> {
          IngestionBatches batches = new IngestionBatches(vertx, Codecs.timeout(200), 10, 0);
          Future<JsonArray> first = batches.submit(events("a"));
          Future<JsonArray> second = batches.submit(events("b"));
          Future.join(first, second)
              .onComplete(
                  done ->
                      test.verify(
                          () -> {
                            assertThat(first.failed()).isTrue();
                            assertThat(second.failed()).isTrue();
                            test.completeNow();
                          }));
        });
  }

  private List<String> ids(Future<JsonArray> answer) {
    return answer.result().stream().map(result -> ((JsonObject) result).getString("id")).toList();
  }

  private static List<CloudEvent> events(String... ids) {
    return Stream.of(ids)
        .map(id -> CloudEvent.wrap(new JsonObject().put("id", id).put("source", "test")))
        .toList();
  }
}
