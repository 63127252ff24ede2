package io.reflex.eventlog.outputlog;

import io.reflex.common.event.CloudEvent;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.RecordWriter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Durable mode's output log: every output event is appended here ({@code acks=all}) before any
 * gateway pushes it, and gateways push what they read from it, so a subscriber that drops can
 * resume from its last cursor and miss nothing.
 */
public final class OutputLog {

  private static final Logger LOG = Logger.getLogger(OutputLog.class.getName());
  private static final long RETRY_MS = 1000;

  /**
   * Records per write: a producer that lost the topic's metadata (a broker killed and restarting)
   * waits for it on every record, and writes handed over with the first one are given up once they
   * waited past the delivery timeout, so small writes bound how long an append can hang.
   */
  private static final int RECORDS_PER_WRITE = 16;

  private final Vertx vertx;
  private final OutputLogSettings settings;
  private final RecordWriter writer;
  private volatile boolean ready;

  public OutputLog(Vertx vertx, OutputLogSettings settings, String clientId) {
    this.vertx = vertx;
    this.settings = settings;
    this.writer = new RecordWriter(vertx, settings.kafka(), clientId);
  }

  public OutputLogSettings settings() {
    return settings;
  }

  /**
   * Makes sure the topic exists, trying again while the broker is away. Until then appends fail at
   * once: a producer that knows nothing of the topic would wait for it on every record.
   */
  public void prepare() {
    OutputTopic.ensure(vertx, settings)
        .onSuccess(v -> ready = true)
        .onFailure(
            e -> {
              LOG.warning(
                  "the output log's topic "
                      + settings.topic()
                      + " cannot be checked yet ("
                      + e.getMessage()
                      + "); trying again");
              vertx.setTimer(RETRY_MS, t -> prepare());
            });
  }

  /**
   * Completes on {@code context} once the broker confirmed every output; fails with the first
   * refusal otherwise.
   */
  public Future<Void> append(Context context, List<CloudEvent> outputs) {
    if (!ready) {
      return Future.failedFuture(
          new IllegalStateException(
              "the output log's topic " + settings.topic() + " is not known yet"));
    }
    List<Future<List<Throwable>>> writes = new ArrayList<>();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(RECORDS_PER_WRITE);
    for (CloudEvent output : outputs) {
      ProducerRecord<String, byte[]> record =
          CloudEventRecords.structured(settings.topic(), output.identity(), output);
      if (output.type() != null) {
        record
            .headers()
            .add(OutputTopic.TYPE_HEADER, output.type().getBytes(StandardCharsets.UTF_8));
      }
      records.add(
          new ProducerRecord<>(
              record.topic(),
              OutputTopic.PARTITION,
              record.key(),
              record.value(),
              record.headers()));
      if (records.size() == RECORDS_PER_WRITE) {
        writes.add(writer.write(context, records));
        records = new ArrayList<>(RECORDS_PER_WRITE);
      }
    }
    writes.add(writer.write(context, records));
    return Future.all(writes)
        .compose(
            done -> {
              for (Future<List<Throwable>> write : writes) {
                for (Throwable failure : write.result()) {
                  if (failure != null) {
                    return Future.failedFuture(failed(failure));
                  }
                }
              }
              return Future.succeededFuture();
            });
  }

  /**
   * After a refused write the topic is checked again before the next append is tried, which fails
   * at once.
   */
  private Throwable failed(Throwable failure) {
    if (ready) {
      ready = false;
      prepare();
    }
    return failure;
  }

  public Future<Void> close() {
    return writer.close();
  }
}
