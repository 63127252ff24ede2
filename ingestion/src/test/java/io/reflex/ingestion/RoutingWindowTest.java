package io.reflex.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.testing.Events;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The routing window against a real event bus, with a stand-in router that answers on demand. */
class RoutingWindowTest {

  private Vertx vertx;
  private Context context;
  private final BlockingQueue<Message<EventBatch>> atRouter = new LinkedBlockingQueue<>();
  private RoutingWindow window;
  private int nextId;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Codecs.register(vertx);
    vertx
        .eventBus()
        .<EventBatch>consumer(Addresses.ROUTER_ROUTE, atRouter::add)
        .completion()
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    context = vertx.getOrCreateContext();
    window = onContext(() -> new RoutingWindow(vertx, 4, 4, 30_000));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName(
      "past the in-flight bound batches wait in order, past the waiting bound they are refused,"
          + " and each answer from the router (success or failure) lets the next ones through")
  void boundsInFlightAndWaitingEvents() throws Exception {
    Future<Void> first = onContext(() -> window.route(batch(3)));
    assertThat(first.succeeded()).isTrue();
    Message<EventBatch> firstAtRouter = atRouter.poll(5, TimeUnit.SECONDS);
    assertThat(firstAtRouter.body().size()).isEqualTo(3);

    Future<Void> second = onContext(() -> window.route(batch(2)));
    Future<Void> refused = onContext(() -> window.route(batch(3)));
    Future<Void> third = onContext(() -> window.route(batch(2)));
    assertThat(second.isComplete()).isFalse();
    assertThat(third.isComplete()).isFalse();
    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause().getMessage()).contains("router is behind").contains("5 accepted");
    assertThat(onContext(() -> List.of(window.inFlight(), window.waiting()))).containsExactly(3, 4);
    assertThat(atRouter.poll(200, TimeUnit.MILLISECONDS)).isNull();

    firstAtRouter.reply(null);
    Message<EventBatch> secondAtRouter = atRouter.poll(5, TimeUnit.SECONDS);
    Message<EventBatch> thirdAtRouter = atRouter.poll(5, TimeUnit.SECONDS);
    assertThat(List.of(firstId(secondAtRouter), firstId(thirdAtRouter)))
        .containsExactly("e3", "e8");
    assertThat(onContext(() -> List.of(window.inFlight(), window.waiting()))).containsExactly(4, 0);
    assertThat(second.succeeded()).isTrue();
    assertThat(third.succeeded()).isTrue();

    secondAtRouter.fail(500, "a service did not answer");
    thirdAtRouter.reply(null);
    awaitOnContext(() -> window.inFlight() == 0);
    Future<Void> afterwards = onContext(() -> window.route(batch(4)));
    assertThat(afterwards.succeeded()).isTrue();
  }

  @Test
  @DisplayName("a batch larger than the window still goes through when nothing is in flight")
  void oversizedBatchIsNotStuck() throws Exception {
    assertThat(onContext(() -> window.route(batch(10))).succeeded()).isTrue();
    assertThat(atRouter.poll(5, TimeUnit.SECONDS).body().size()).isEqualTo(10);
  }

  private EventBatch batch(int size) {
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String id = "e" + nextId++;
      events.add(CloudEvent.wrap(Events.event(id, "t", "s", new JsonObject())));
    }
    return new EventBatch(events);
  }

  private static String firstId(Message<EventBatch> message) {
    return message.body().events().get(0).id();
  }

  /** The window belongs to one context, as it does in the ingestion verticle. */
  private <T> T onContext(Supplier<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(
        nothing -> {
          try {
            result.complete(action.get());
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    return result.get(5, TimeUnit.SECONDS);
  }

  private void awaitOnContext(Supplier<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!onContext(condition)) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
