package io.reflex.gateway.resume;

import io.reflex.common.event.CloudEvent;
import io.reflex.eventlog.outputlog.OutputLogSettings;
import io.reflex.eventlog.outputlog.OutputTopic;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A gateway's readers of the output log (durable mode): its live tail and the catch-ups of resumed
 * subscriptions, each reading through its own vertx-kafka-client stream, so that reading the log
 * never holds an event loop.
 */
public final class OutputLogAccess {

  private final Vertx vertx;
  private final OutputLogSettings log;
  private final ResumeSettings settings;

  public OutputLogAccess(Vertx vertx, OutputLogSettings log, ResumeSettings settings) {
    this.vertx = vertx;
    this.log = log;
    this.settings = settings;
  }

  public ResumeSettings settings() {
    return settings;
  }

  /** Makes sure the topic exists (the routers make it too; whichever comes first). */
  public Future<Void> ensureTopic() {
    return OutputTopic.ensure(vertx, log);
  }

  public LiveTail tail(LiveTail.Sink sink) {
    return new LiveTail(
        vertx,
        new OutputLogReader(vertx, log, "reflex-gateway-tail", 500),
        settings.dedupLookback(),
        sink);
  }

  public CatchUp catchUp(
      Predicate<CloudEvent> matches,
      CatchUp.Subscriber subscriber,
      LongSupplier livePosition,
      LongConsumer caughtUp) {
    return new CatchUp(
        vertx,
        new OutputLogReader(vertx, log, "reflex-gateway-catch-up", settings.chunk()),
        settings,
        matches,
        subscriber,
        livePosition,
        caughtUp);
  }
}
