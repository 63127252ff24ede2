package io.reflex.gateway.resume;

import io.reflex.common.event.CloudEvent;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.outputlog.OutputTopic;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Durable mode's live pushes: a gateway reads the output log from its end and pushes each output as
 * it is written, in log order, with its cursor. The outputs just before the end are read first
 * without being pushed, so an output written again by a router that crashed after writing it is
 * recognised as a repeat. A live output of a type no subscription on this gateway names is passed
 * over unread: only its identity (the record's key) is remembered.
 */
public final class LiveTail {

  private static final Logger LOG = Logger.getLogger(LiveTail.class.getName());
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long RETRY_MS = 1000;

  /** Where the tail's outputs go, on the gateway's event loop. */
  public interface Sink {
    /** An output written before the tail started: remembered, not pushed. */
    void seen(CloudEvent output);

    void deliver(CloudEvent output, Cursor cursor);

    /** Whether some subscription may want outputs of this type. */
    boolean wants(String type);

    /** A live output of a type nobody wants, passed over unread and known by its identity. */
    void passed(String identity);
  }

  private final Vertx vertx;
  private final OutputLogReader reader;
  private final int lookback;
  private final Sink sink;
  private long liveFrom;
  private long position = -1;
  private boolean stopped;

  public LiveTail(Vertx vertx, OutputLogReader reader, int lookback, Sink sink) {
    this.vertx = vertx;
    this.reader = reader;
    this.lookback = lookback;
    this.sink = sink;
  }

  /** The offset of the next output to be pushed; -1 until the tail found the end of the log. */
  public long position() {
    return position;
  }

  /** Starts reading; while the broker is away it keeps trying. */
  public void start() {
    reader
        .bounds()
        .compose(
            bounds -> {
              liveFrom = bounds.end();
              return reader.seek(Math.max(bounds.begin(), bounds.end() - lookback)).map(bounds);
            })
        .onSuccess(
            bounds -> {
              position = bounds.end();
              LOG.info("pushing outputs from the output log at offset " + position);
              read();
            })
        .onFailure(
            e -> {
              LOG.warning(
                  "the output log cannot be read yet (" + e.getMessage() + "); trying again");
              vertx.setTimer(RETRY_MS, t -> start());
            });
  }

  public void stop() {
    stopped = true;
    reader.close();
  }

  private void read() {
    if (stopped) {
      return;
    }
    reader
        .poll(POLL)
        .onSuccess(
            batch -> {
              for (ConsumerRecord<String, byte[]> record : batch.records()) {
                if (record.offset() >= liveFrom && passedOver(record)) {
                  continue;
                }
                CloudEvent output;
                try {
                  output = CloudEventRecords.event(record);
                } catch (RuntimeException e) {
                  LOG.warning(
                      "output log record " + record.offset() + " skipped: " + e.getMessage());
                  continue;
                }
                if (record.offset() < liveFrom) {
                  sink.seen(output);
                } else {
                  sink.deliver(output, new Cursor(OutputTopic.PARTITION, record.offset()));
                }
              }
              position = Math.max(position, batch.next());
              read();
            })
        .onFailure(
            e -> {
              if (!stopped) {
                LOG.warning("reading the output log failed (" + e.getMessage() + "); trying again");
                vertx.setTimer(RETRY_MS, t -> read());
              }
            });
  }

  /**
   * Parsing an output is most of the tail's work, and often most outputs (every point's score, say)
   * are of types no subscriber asked for.
   */
  private boolean passedOver(ConsumerRecord<String, byte[]> record) {
    String type = OutputTopic.type(record);
    if (type == null || record.key() == null || sink.wants(type)) {
      return false;
    }
    sink.passed(record.key());
    return true;
  }
}
